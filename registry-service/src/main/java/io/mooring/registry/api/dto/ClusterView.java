package io.mooring.registry.api.dto;

import io.mooring.events.CloudType;
import io.mooring.registry.domain.Cluster;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ImportMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A cluster as the API shows it. {@code cloudType} is what the user chose, {@code detectedProvider} what the
 * agent found; {@code providerMismatch} is true when they differ (shown, never corrected), null until the
 * agent reported. {@code agentPermissions} is what the agent last confirmed from the API server.
 * {@code reRegistrations} counts agents that came back with the spent import token and the re-registration secret
 * after losing their state (a rescheduled pod); each one is also in the cluster's history.
 * {@code identityConflict} is set when two agents were seen using the cluster's identity: every agent of the cluster
 * is refused until an operator reissues the import command.
 */
public record ClusterView(
        UUID id,
        String name,
        String project,
        String description,
        Map<String, String> labels,
        CloudType cloudType,
        ImportMode importMode,
        ClusterStatus status,
        PendingMigration pendingMigration,
        String detectedProvider,
        String detectedPlatform,
        Boolean providerMismatch,
        String kubernetesVersion,
        String agentVersion,
        String agentPermissions,
        Instant connectedAt,
        Instant lastSeenAt,
        int reRegistrations,
        Instant lastReRegisteredAt,
        IdentityConflict identityConflict,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        String deletionRequestedBy,
        Instant deletionRequestedAt) {

    /** A migration waiting for the agent to confirm the permissions of {@code to}. */
    public record PendingMigration(ImportMode to, String requestedBy, Instant requestedAt) {
    }

    /** Two agents use the cluster's identity: seen at {@code detectedAt}, for {@code reason}. */
    public record IdentityConflict(Instant detectedAt, String reason) {
    }

    public static ClusterView of(Cluster c) {
        return new ClusterView(c.id, c.name, c.project, c.description,
                c.labels == null ? Map.of() : new TreeMap<>(c.labels), c.cloudType, c.importMode, c.status,
                c.pendingMode == null ? null
                        : new PendingMigration(c.pendingMode, c.migrationRequestedBy, c.migrationRequestedAt),
                c.detectedProvider, c.detectedPlatform, c.providerMismatch(), c.kubernetesVersion, c.agentVersion,
                c.agentPermissions, c.connectedAt, c.lastSeenAt, c.reRegistrations, c.lastReRegisteredAt,
                c.identityConflictAt == null ? null
                        : new IdentityConflict(c.identityConflictAt, c.identityConflictReason),
                c.createdBy, c.createdAt, c.updatedAt,
                c.deletionRequestedBy, c.deletionRequestedAt);
    }
}
