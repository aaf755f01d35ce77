package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/** The cluster is gone from Mooring; its agent is refused everywhere from now on. */
public record ClusterDeleted(
        UUID clusterId,
        String project,
        boolean forced,
        String deletedBy,
        Instant occurredAt) implements MooringEvent {
}
