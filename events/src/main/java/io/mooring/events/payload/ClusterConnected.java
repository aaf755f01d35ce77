package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.UUID;

/** The cluster's agent registered for the first time: the import is complete and the cluster is Running. */
public record ClusterConnected(
        UUID clusterId,
        String project,
        String importMode,
        String kubernetesVersion,
        String detectedProvider,
        String detectedPlatform,
        Instant occurredAt) implements MooringEvent {
}
