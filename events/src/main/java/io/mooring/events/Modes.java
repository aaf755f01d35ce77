package io.mooring.events;

/** The wire values of import modes and agent permissions, shared by every service and the agent. */
public final class Modes {
    public static final String READ_ONLY = "read-only";
    public static final String FULL_PERMISSION = "full-permission";

    private Modes() {
    }
}
