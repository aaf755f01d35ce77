package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/** One layer of an attached add-on profile changed state on a cluster. */
public record AddonDeploymentChanged(
        UUID clusterId,
        String project,
        UUID attachmentId,
        String profile,
        String profileVersion,
        String layer,
        String previousStatus,
        String status,
        String message,
        Instant occurredAt) implements MooringEvent {
}
