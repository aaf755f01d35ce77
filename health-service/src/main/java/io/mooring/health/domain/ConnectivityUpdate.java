package io.mooring.health.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to store after a heartbeat or a sweep: the new state, the heartbeat times, and the transitions to
 * record in history (oldest first; empty when nothing changed).
 */
public record ConnectivityUpdate(
        Connectivity state,
        Instant firstHeartbeat,
        Instant lastHeartbeat,
        List<ConnectivityTransition> transitions) {

    public ConnectivityUpdate {
        Objects.requireNonNull(state, "state");
        transitions = List.copyOf(transitions);
    }

    public boolean changed() {
        return !transitions.isEmpty();
    }
}
