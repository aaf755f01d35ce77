package io.mooring.cost.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Installation-wide accrual configuration.
 *
 * @param maxGap the longest time one inventory may be billed for; the agent reports at least hourly, so the
 *               default of two hours tolerates one missed report without billing hours nobody observed
 * @param weight the CPU:memory split of a node's compute cost
 */
public record AccrualSettings(Duration maxGap, CpuMemoryWeight weight) {

    public static final AccrualSettings DEFAULT = new AccrualSettings(Duration.ofHours(2), CpuMemoryWeight.DEFAULT);

    public AccrualSettings {
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(weight, "weight");
        if (maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("maxGap must be positive");
        }
    }

    public AccrualSettings withWeight(CpuMemoryWeight weight) {
        return new AccrualSettings(maxGap, weight);
    }

    public AccrualSettings withMaxGap(Duration maxGap) {
        return new AccrualSettings(maxGap, weight);
    }

    /**
     * The window an inventory observed at {@code observedAt} is billed for. An inventory states what ran at
     * the moment it was taken and vouches for the time back to the previous one: [previous, observedAt),
     * but no longer than {@link #maxGap()} (a silent agent bills nothing for the hours it did not report).
     * The first inventory of a cluster bills nothing: accrual starts when it arrives. An inventory no later
     * than the previous one (a replay, or a late arrival) bills nothing either.
     */
    public AccrualWindow window(Instant previousObservedAt, Instant observedAt) {
        Objects.requireNonNull(observedAt, "observedAt");
        if (previousObservedAt == null || !previousObservedAt.isBefore(observedAt)) {
            return new AccrualWindow(observedAt, observedAt, false);
        }
        Instant earliest = observedAt.minus(maxGap);
        return previousObservedAt.isBefore(earliest)
                ? new AccrualWindow(earliest, observedAt, true)
                : new AccrualWindow(previousObservedAt, observedAt, false);
    }
}
