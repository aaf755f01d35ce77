package io.mooring.support.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads a list of names from a token claim given as a path ({@code groups}, {@code realm_access/roles}): each
 * provider puts roles somewhere else. A claim that is missing, or not a list of strings or a string, reads as no
 * names at all, never as an error: a token without roles may still authenticate, and then may do nothing.
 */
final class ClaimPath {

    private ClaimPath() {
    }

    static Set<String> names(JsonWebToken token, String path) {
        String[] segments = path.split("/");
        Object value = token.getClaim(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            value = child(value, segments[i]);
        }
        Set<String> names = new LinkedHashSet<>();
        collect(value, names);
        return names;
    }

    private static Object child(Object value, String name) {
        if (value instanceof JsonObject object) {
            return object.get(name);
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    private static void collect(Object value, Set<String> names) {
        if (value instanceof JsonString string) {
            names.add(string.getString());
        } else if (value instanceof String string) {
            names.add(string);
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString string) {
                    names.add(string.getString());
                }
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (item instanceof JsonString || item instanceof String) {
                    collect(item, names);
                }
            }
        }
    }
}
