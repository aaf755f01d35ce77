package io.mooring.cost.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The time an inventory is billed for: [from, to), with {@code to} the inventory's observation time.
 * {@code capped} says the gap since the previous inventory was longer than the maximum and was cut.
 */
public record AccrualWindow(Instant from, Instant to, boolean capped) {

    public boolean isEmpty() {
        return !from.isBefore(to);
    }

    public Duration duration() {
        return isEmpty() ? Duration.ZERO : Duration.between(from, to);
    }
}
