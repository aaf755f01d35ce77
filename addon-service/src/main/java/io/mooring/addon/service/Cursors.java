package io.mooring.addon.service;

import io.mooring.support.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: the position after the last item of a page, as URL-safe base64. Lists here are ordered by
 * values every viewer may see anyway (names, versions), so a cursor needs no signature; a cursor that does not
 * decode is a 400 naming the {@code cursor} parameter.
 */
public final class Cursors {

    private static final String SEPARATOR = "\n";

    private Cursors() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("c1" + SEPARATOR + String.join(SEPARATOR, parts)).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this service issued with {@code count} parts; null for no cursor. */
    public static List<String> decode(String cursor, int count) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split(SEPARATOR, -1));
            if (parts.size() == count + 1 && parts.get(0).equals("c1")) {
                return parts.subList(1, parts.size());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ProblemException.invalid("cursor", "is not a cursor this list issued");
    }
}
