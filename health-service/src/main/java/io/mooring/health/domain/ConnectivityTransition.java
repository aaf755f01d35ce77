package io.mooring.health.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of connectivity. {@code at} is when it happened, not when it was noticed: a cluster that fell
 * silent at 10:00 with a 10-minute threshold became Disconnected at 10:10 even if the sweep ran at 10:11.
 */
public record ConnectivityTransition(Connectivity previous, Connectivity current, Instant at) {

    public ConnectivityTransition {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(at, "at");
        if (previous == current) {
            throw new IllegalArgumentException("Not a transition: " + previous + " to " + current);
        }
    }
}
