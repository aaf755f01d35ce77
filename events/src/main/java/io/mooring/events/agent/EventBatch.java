package io.mooring.events.agent;

import java.util.List;
import java.util.UUID;

/**
 * Events in the order the agent saw them. {@code dropped} counts events the agent had to discard from its
 * bounded buffer while the platform was unreachable, since the previous batch that was accepted.
 */
public record EventBatch(UUID reportId, List<ClusterEvent> events, long dropped) {
}
