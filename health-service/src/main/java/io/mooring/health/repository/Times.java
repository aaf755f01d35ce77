package io.mooring.health.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds; instants are cut to them before they are stored or compared with stored ones. */
public final class Times {

    /** Stands for "none" in native queries run through Hibernate, which cannot bind a typed null. */
    public static final Instant NONE = Instant.EPOCH;

    private Times() {
    }

    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public static Instant orNone(Instant instant) {
        return instant == null ? NONE : instant;
    }
}
