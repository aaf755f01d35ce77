package io.mooring.agent.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the agent is doing, for its health checks, logs and tests: where it is in its life, what it reported, and
 * how full its event buffer is. {@code lastInventory} is when the last inventory that was sent was observed;
 * {@code lastCollection} when the cluster was last listed for one (sent or not). {@code clusterUid} is the identity
 * it registers with (null: it could not read it); {@code reRegistrations} how often it registered again because its
 * refresh secret was refused.
 */
public record AgentSnapshot(
        Agent.Phase phase,
        UUID clusterId,
        String permissions,
        String detectedProvider,
        String detectedPlatform,
        String kubernetesVersion,
        String clusterStatus,
        String importMode,
        String pendingMigration,
        Instant lastHeartbeat,
        Instant lastInventory,
        Instant lastCollection,
        long heartbeatsSent,
        long inventoriesSent,
        long lastInventoryBytes,
        long eventsSent,
        int eventsBuffered,
        int eventBufferCapacity,
        long eventsDropped,
        long addonRevisionApplied,
        String stopReason,
        String clusterUid,
        int reRegistrations,
        List<String> failingLoops) {
}
