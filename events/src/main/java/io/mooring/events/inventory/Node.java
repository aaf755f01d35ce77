package io.mooring.events.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A node. Generic clusters leave {@code providerId}, {@code instanceType}, {@code region} and {@code zone}
 * null; cloud-specific ones fill them from the node's spec and well-known labels.
 */
public record Node(
        String name,
        String providerId,
        String instanceType,
        String region,
        String zone,
        String architecture,
        String osImage,
        String kubeletVersion,
        String containerRuntime,
        Resources capacity,
        Resources allocatable,
        List<Condition> conditions,
        boolean unschedulable,
        Instant createdAt) {

    /** A node condition as the kubelet reports it (Ready, MemoryPressure, DiskPressure, PIDPressure, ...). */
    public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    }
}
