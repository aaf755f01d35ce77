package io.mooring.health.domain;

/** The outcome of one health check, ordered from best to worst so the worst of several is the maximum. */
public enum CheckStatus {
    PASS("pass"),
    WARN("warn"),
    FAIL("fail");

    private final String wireName;

    CheckStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code ClusterHealthChanged.CheckResult.status}. */
    public String wireName() {
        return wireName;
    }

    public CheckStatus worse(CheckStatus other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    public static CheckStatus parse(String value) {
        for (CheckStatus s : values()) {
            if (s.wireName.equalsIgnoreCase(value) || s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown check status: " + value);
    }
}
