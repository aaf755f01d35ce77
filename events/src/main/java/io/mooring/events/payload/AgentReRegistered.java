package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent that lost its stored credential (its pod was rescheduled) got a new one with the cluster's
 * re-registration secret; the previous agent's refresh secret stopped working. {@code reRegistrations} counts the cluster's
 * re-registrations so far, this one included. Published so that every re-registration shows in the
 * cluster's history: an unexpected one means someone else holds the agent's identity.
 */
public record AgentReRegistered(
        UUID clusterId,
        String project,
        int reRegistrations,
        String agentVersion,
        Instant occurredAt) implements MooringEvent {
}
