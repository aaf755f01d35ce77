package io.mooring.cost.service;

import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The time breakdown of a report: none (one row per group for the whole window), by hour or by day. */
public enum Step {
    HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Step(ChronoUnit unit) {
        this.unit = unit;
    }

    public ChronoUnit unit() {
        return unit;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
