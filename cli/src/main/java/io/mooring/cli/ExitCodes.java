package io.mooring.cli;

/**
 * The exit codes scripts branch on. Every API error maps to one of them by its HTTP status, so a script can tell
 * "not there" from "not allowed" from "try again later" without parsing the message.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** A wrong command line: unknown option, missing argument, bad value. */
    public static final int USAGE = 1;
    /** 404 or 410: nothing there, or something the caller may not see (the API answers both alike). */
    public static final int NOT_FOUND = 2;
    /** 401 or 403, or no usable token: sign in again, or the role is too low. */
    public static final int DENIED = 3;
    /** Any other 4xx: invalid input, a conflict, an operation the cluster's mode does not allow. */
    public static final int REJECTED = 4;
    /** 5xx, 429, or the server could not be reached: worth retrying later. */
    public static final int UNAVAILABLE = 5;
    /** {@code --wait} or {@code --for} ran out before what was awaited happened. */
    public static final int TIMED_OUT = 6;
    /** kubectl (for {@code --apply}) failed or could not be started. */
    public static final int KUBECTL_FAILED = 7;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status; 0 stands for "no answer at all" (connection refused, timeout). */
    public static int forStatus(int status) {
        if (status == 404 || status == 410) {
            return NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return DENIED;
        }
        if (status == 429 || status >= 500 || status == 0) {
            return UNAVAILABLE;
        }
        if (status >= 400) {
            return REJECTED;
        }
        return UNAVAILABLE;
    }
}
