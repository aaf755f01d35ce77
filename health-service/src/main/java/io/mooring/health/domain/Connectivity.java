package io.mooring.health.domain;

import java.util.Locale;

/** Whether a cluster's agent is reporting: the basis on which every other health answer stands. */
public enum Connectivity {
    /** Imported, but the agent has never sent a heartbeat. */
    PENDING("Pending"),
    CONNECTED("Connected"),
    /** Heard from before, silent for longer than the threshold. */
    DISCONNECTED("Disconnected");

    private final String displayName;

    Connectivity(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in the API and in {@code ClusterHealthChanged.connectivity}. */
    public String displayName() {
        return displayName;
    }

    /** Reads either the display name or the constant name, case-insensitively (what a database column holds). */
    public static Connectivity parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Connectivity is missing");
        }
        for (Connectivity c : values()) {
            if (c.displayName.equalsIgnoreCase(value) || c.name().equals(value.toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown connectivity: " + value);
    }
}
