package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Two agents use one cluster's identity (a refresh presented the refresh secret a re-registration had replaced):
 * the registry refuses both until an operator reissues the import command. {@code reason} says what was seen.
 */
public record AgentIdentityConflict(
        UUID clusterId,
        String project,
        String reason,
        Instant occurredAt) implements MooringEvent {
}
