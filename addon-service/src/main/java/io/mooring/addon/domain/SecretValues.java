package io.mooring.addon.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values a profile marks secret ({@code secretValues: ["db.password"]}, dotted paths into a chart layer's
 * values) and Secret objects' contents are shown as {@value #MASK} in what the API answers; the agent still gets
 * the real values in its desired state.
 */
public final class SecretValues {

    public static final String MASK = "********";
    /** A dotted path of value keys; a key holding a dot cannot be named (Helm's {@code --set} has the same rule). */
    public static final String PATH = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";

    private SecretValues() {
    }

    /** A copy of {@code values} with the value at each path replaced by the mask (paths that are absent stay so). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mask(Map<String, Object> values, List<String> paths) {
        if (values == null || paths == null || paths.isEmpty()) {
            return values;
        }
        Map<String, Object> copy = copy(values);
        for (String path : paths) {
            String[] keys = path.split("\\.");
            Map<String, Object> current = copy;
            for (int i = 0; i < keys.length && current != null; i++) {
                if (!current.containsKey(keys[i])) {
                    break;
                }
                if (i == keys.length - 1) {
                    current.put(keys[i], MASK);
                } else {
                    Object next = current.get(keys[i]);
                    current = next instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
                }
            }
        }
        return copy;
    }

    /**
     * A copy of a rendered object: for a {@code v1 Secret}, every value of {@code data} and {@code stringData}
     * masked (the keys stay, so what the Secret holds can be checked); any other object as it is.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> maskSecretObject(Map<String, Object> object) {
        if (!"Secret".equals(object.get("kind")) || !"v1".equals(object.get("apiVersion"))) {
            return object;
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof Map<?, ?> data) {
                Map<String, Object> masked = new LinkedHashMap<>();
                data.forEach((k, v) -> masked.put(String.valueOf(k), MASK));
                copy.put(field, masked);
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return copy;
    }
}
