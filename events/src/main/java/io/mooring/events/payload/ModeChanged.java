package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/** The import mode changed, after the agent confirmed from the API server that it holds the new permissions. */
public record ModeChanged(
        UUID clusterId,
        String project,
        String from,
        String to,
        String requestedBy,
        Instant occurredAt) implements MooringEvent {
}
