package io.mooring.registry.api.dto;

import io.mooring.events.CloudType;
import io.mooring.registry.domain.Cluster;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ImportMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cluster as the API shows it. {@code cloudType} is what the user chose, {@code detectedProvider} what the
 * agent found; {@code providerMismatch} is true when they differ (shown, never corrected), null until the
 * agent reported. {@code agentPermissions} is what the agent last confirmed from the API server.
 * {@code reRegistrations} counts agents that came back with the spent import token and the re-registration secret
 * after losing their state (a rescheduled pod); each one is also in the cluster's history.
 * {@code identityConflict} is set when two agents were seen using the cluster's identity: every agent of the cluster
 * is refused until an operator reissues the import command.
 */
@Schema(description = "An imported cluster. The nullable properties are null (sent as null) until known.",
        requiredProperties = { "id", "name", "project", "labels", "cloudType", "importMode", "status",
            "reRegistrations", "createdBy", "createdAt", "updatedAt" })
public record ClusterView(
        UUID id,
        @Schema(description = "Unique in its project (a DNS-1123 label).") String name,
        @Schema(description = "The project the cluster belongs to (a DNS-1123 label).") String project,
        @Schema(nullable = true) String description,
        Map<String, String> labels,
        @Schema(description = "What the user declared at import.") CloudType cloudType,
        ImportMode importMode,
        ClusterStatus status,
        @Schema(nullable = true) PendingMigration pendingMigration,
        @Schema(nullable = true, description = "The provider the agent detected (null until it reported).")
        String detectedProvider,
        @Schema(nullable = true, description = "The platform the agent detected (null until it reported).")
        String detectedPlatform,
        @Schema(nullable = true, description = "True when the detected provider differs from cloudType (shown,"
                + " never corrected); null until the agent reported.") Boolean providerMismatch,
        @Schema(nullable = true) String kubernetesVersion,
        @Schema(nullable = true) String agentVersion,
        @Schema(nullable = true, description = "The permissions the agent last confirmed from the API server:"
                + " read-only or full-permission.") String agentPermissions,
        @Schema(nullable = true, description = "When the agent first registered.") Instant connectedAt,
        @Schema(nullable = true, description = "When the agent last reported.") Instant lastSeenAt,
        @Schema(description = "Agents that came back with the spent import token and the re-registration secret.")
        int reRegistrations,
        @Schema(nullable = true) Instant lastReRegisteredAt,
        @Schema(nullable = true) IdentityConflict identityConflict,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) String deletionRequestedBy,
        @Schema(nullable = true) Instant deletionRequestedAt,
        @Schema(nullable = true, description = "How the agent reaches the platform (proxy, no-proxy list, CA"
                + " certificates); null when it goes direct and trusts its JVM's CAs only.") AgentNetworkView agentNetwork) {

    /** A migration waiting for the agent to confirm the permissions of {@code to}. */
    @Schema(description = "A migration waiting for the agent to confirm it holds the permissions of `to`.",
            requiredProperties = { "to", "requestedBy", "requestedAt" })
    public record PendingMigration(ImportMode to, String requestedBy, Instant requestedAt) {
    }

    /** Two agents use the cluster's identity: seen at {@code detectedAt}, for {@code reason}. */
    @Schema(description = "Two agents were seen using the cluster's identity: every agent of the cluster is refused"
            + " until an operator reissues the import command.", requiredProperties = { "detectedAt", "reason" })
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
                c.deletionRequestedBy, c.deletionRequestedAt, AgentNetworkView.of(c.agentNetwork()));
    }
}
