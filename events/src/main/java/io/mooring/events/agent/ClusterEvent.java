package io.mooring.events.agent;

import java.time.Instant;

/**
 * A Kubernetes event as the agent relays it. {@code uid} is the Event object's uid; the same uid seen again
 * carries a higher {@code count} and a later {@code lastSeen}.
 */
public record ClusterEvent(
        String uid,
        String type,
        String reason,
        String message,
        String namespace,
        String objectKind,
        String objectName,
        String source,
        int count,
        Instant firstSeen,
        Instant lastSeen) {
}
