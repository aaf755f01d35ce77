package io.mooring.health.domain;

import java.util.Locale;

/** The overall health of a cluster. */
public enum HealthStatus {
    HEALTHY("Healthy"),
    /** At least one check warns, none fails. */
    DEGRADED("Degraded"),
    /** At least one check fails. */
    UNHEALTHY("Unhealthy"),
    /** Not connected, or connected without an inventory yet: there is nothing current to judge. */
    UNKNOWN("Unknown");

    private final String displayName;

    HealthStatus(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in the API and in {@code ClusterHealthChanged.previous/current}. */
    public String displayName() {
        return displayName;
    }

    /** The status that the worst check result implies for a cluster that can be judged. */
    public static HealthStatus of(CheckStatus worst) {
        return switch (worst) {
            case PASS -> HEALTHY;
            case WARN -> DEGRADED;
            case FAIL -> UNHEALTHY;
        };
    }

    public static HealthStatus parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Health status is missing");
        }
        for (HealthStatus s : values()) {
            if (s.displayName.equalsIgnoreCase(value) || s.name().equals(value.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown health status: " + value);
    }
}
