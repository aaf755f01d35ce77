package io.mooring.support.api;

import java.util.regex.Pattern;

/**
 * The one rule for the {@code Idempotency-Key} request header, wherever a service honours it: 1 to 255 visible
 * ASCII characters (no spaces, no control characters), so a key fits any index and prints in any log.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    public static final String RULE = "must be 1 to " + MAX_LENGTH + " visible ASCII characters without spaces";

    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e]{1," + MAX_LENGTH + "}");

    private IdempotencyKeys() {
    }

    /** The key, when absent or well formed; otherwise a 400 naming the header. */
    public static String checked(String key) {
        if (key != null && !SHAPE.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, RULE);
        }
        return key;
    }
}
