package io.mooring.registry.domain;

import io.mooring.events.CloudType;
import io.mooring.events.agent.AgentFacts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An imported cluster. It keeps both the cloud type the user chose and the provider its agent detected:
 * a mismatch is shown ({@link #providerMismatch()}), never corrected. The import mode changes only when the
 * agent confirms, from the API server, that it holds the permissions of a requested migration.
 */
@Entity
@Table(name = "cluster")
public class Cluster {

    @Id
    public UUID id;

    @Column(nullable = false, length = 63)
    public String project;

    @Column(nullable = false, length = 63)
    public String name;

    @Column(length = 1000)
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> labels = new TreeMap<>();

    @Column(name = "cloud_type", nullable = false)
    public CloudType cloudType;

    @Column(name = "import_mode", nullable = false)
    public ImportMode importMode;

    @Column(nullable = false)
    public ClusterStatus status;

    /** The mode a requested migration waits for; null when none is pending. */
    @Column(name = "pending_mode")
    public ImportMode pendingMode;

    @Column(name = "migration_requested_by")
    public String migrationRequestedBy;

    @Column(name = "migration_requested_at")
    public Instant migrationRequestedAt;

    @Column(name = "detected_provider")
    public String detectedProvider;

    @Column(name = "detected_platform")
    public String detectedPlatform;

    @Column(name = "kubernetes_version")
    public String kubernetesVersion;

    @Column(name = "agent_version")
    public String agentVersion;

    /** The permissions the agent last confirmed from the API server ({@code read-only} or {@code full-permission}). */
    @Column(name = "agent_permissions")
    public String agentPermissions;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the agent first registered; null while the cluster is Pending. */
    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /**
     * The UID of the cluster's kube-system namespace, as the agent of the latest fresh import token read it: the
     * identity a rescheduled agent proves to use its spent import token again. Null until an agent sent one.
     */
    @Column(name = "cluster_uid", length = 128)
    public String clusterUid;

    /** How often an agent came back with the spent import token (its state was lost), and when last. */
    @Column(name = "re_registrations", nullable = false)
    public int reRegistrations;

    @Column(name = "last_re_registered_at")
    public Instant lastReRegisteredAt;

    /**
     * When two agents were seen using this cluster's identity, and why; null when not. While set, the registry
     * refuses every agent of the cluster until an operator reissues the import command.
     */
    @Column(name = "identity_conflict_at")
    public Instant identityConflictAt;

    @Column(name = "identity_conflict_reason", length = 500)
    public String identityConflictReason;

    @Column(name = "deletion_requested_by")
    public String deletionRequestedBy;

    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;

    /** The agent's HTTPS proxy, no-proxy list and CA bundle (see {@link AgentNetwork}); null or empty: none. */
    @Column(name = "agent_https_proxy", length = AgentNetwork.MAX_PROXY_LENGTH)
    public String agentHttpsProxy;

    /** Comma separated, as NO_PROXY has it (an entry never holds a comma). */
    @Column(name = "agent_no_proxy", length = NO_PROXY_COLUMN_LENGTH)
    public String agentNoProxy;

    static final int NO_PROXY_COLUMN_LENGTH = AgentNetwork.MAX_NO_PROXY_ENTRIES * (AgentNetwork.MAX_NO_PROXY_ENTRY_LENGTH + 1);

    @Column(name = "agent_ca_bundle", length = 2 * AgentNetwork.MAX_CA_BUNDLE_LENGTH)
    public String agentCaBundle;

    @Version
    public long version;

    public static Cluster importing(UUID id, String project, String name, String description,
            Map<String, String> labels, CloudType cloudType, ImportMode mode, String by, Instant now) {
        Cluster cluster = new Cluster();
        cluster.id = id;
        cluster.project = project;
        cluster.name = name;
        cluster.description = description;
        cluster.labels = labels == null ? new TreeMap<>() : new TreeMap<>(labels);
        cluster.cloudType = cloudType;
        cluster.importMode = mode;
        cluster.status = ClusterStatus.PENDING;
        cluster.createdBy = by;
        cluster.createdAt = now;
        cluster.updatedAt = now;
        return cluster;
    }

    /** How the agent reaches the platform; {@link AgentNetwork#NONE} when it goes direct. */
    public AgentNetwork agentNetwork() {
        return new AgentNetwork(agentHttpsProxy,
                agentNoProxy == null || agentNoProxy.isEmpty() ? List.of() : List.of(agentNoProxy.split(",")), agentCaBundle);
    }

    /** Replaces the agent's network settings (null: none); import commands issued from now on carry them. */
    public void agentNetwork(AgentNetwork network, Instant now) {
        AgentNetwork value = network == null ? AgentNetwork.NONE : network;
        agentHttpsProxy = value.httpsProxy();
        agentNoProxy = value.noProxy().isEmpty() ? null : String.join(",", value.noProxy());
        agentCaBundle = value.caBundle();
        updatedAt = now;
    }

    public boolean isDeleting() {
        return status == ClusterStatus.DELETING;
    }

    /** The detected provider differs from the chosen cloud type (null until the agent reported one). */
    public Boolean providerMismatch() {
        return detectedProvider == null ? null : !detectedProvider.equals(cloudType.wire());
    }

    /** The mode the next import manifest installs: the pending migration's, else the current one. */
    public ImportMode manifestMode() {
        return pendingMode != null ? pendingMode : importMode;
    }

    /** Records what the agent found. Null facts, or null fields in them, leave what was known. */
    public void observe(AgentFacts facts, Instant now) {
        lastSeenAt = now;
        if (facts == null) {
            return;
        }
        if (facts.kubernetesVersion() != null) {
            kubernetesVersion = facts.kubernetesVersion();
        }
        if (facts.detectedProvider() != null) {
            detectedProvider = facts.detectedProvider();
        }
        if (facts.detectedPlatform() != null) {
            detectedPlatform = facts.detectedPlatform();
        }
        if (facts.agentVersion() != null) {
            agentVersion = facts.agentVersion();
        }
        if (facts.permissions() != null) {
            agentPermissions = facts.permissions();
        }
    }

    /** Marks the first registration; true when this call made the cluster Running. */
    public boolean connect(Instant now) {
        if (connectedAt != null) {
            return false;
        }
        connectedAt = now;
        if (status == ClusterStatus.PENDING) {
            status = ClusterStatus.RUNNING;
        }
        updatedAt = now;
        return true;
    }

    /**
     * Binds the cluster to the identity the agent of a fresh import token read. A fresh token is the user's say-so,
     * so it re-binds a cluster whose kube-system namespace was recreated; true when the recorded identity changed.
     */
    public boolean bindIdentity(String uid, Instant now) {
        if (uid == null || uid.equals(clusterUid)) {
            return false;
        }
        boolean rebound = clusterUid != null;
        clusterUid = uid;
        updatedAt = now;
        return rebound;
    }

    /** Whether an agent holding the cluster's spent import token is the one that proved {@code uid} before. */
    public boolean isIdentifiedBy(String uid) {
        return clusterUid != null && uid != null && MessageDigest.isEqual(clusterUid.getBytes(StandardCharsets.UTF_8),
                uid.getBytes(StandardCharsets.UTF_8));
    }

    public boolean hasIdentityConflict() {
        return identityConflictAt != null;
    }

    /** Two agents use this cluster's identity; the first sighting is kept. */
    public void identityConflict(String reason, Instant now) {
        if (identityConflictAt == null) {
            identityConflictAt = now;
            identityConflictReason = reason;
            updatedAt = now;
        }
    }

    /** An operator reissued the import command: the installation that fought is over. */
    public void clearIdentityConflict(Instant now) {
        identityConflictAt = null;
        identityConflictReason = null;
        updatedAt = now;
    }

    /** An agent that lost its state came back with the spent token; the cluster stays as it was otherwise. */
    public void reRegistered(Instant now) {
        reRegistrations++;
        lastReRegisteredAt = now;
        updatedAt = now;
    }

    public void requestMigration(ImportMode to, String by, Instant now) {
        pendingMode = to;
        migrationRequestedBy = by;
        migrationRequestedAt = now;
        updatedAt = now;
    }

    /** A migration the agent confirmed: the mode went from {@code from} to {@code to}, as {@code requestedBy} asked. */
    public record Migration(ImportMode from, ImportMode to, String requestedBy) {
    }

    /**
     * Completes a pending migration when the permissions the agent confirmed are those it waits for; empty
     * when nothing changed.
     */
    public Optional<Migration> confirmMigration(Instant now) {
        if (pendingMode == null || agentPermissions == null || !pendingMode.wire().equals(agentPermissions)) {
            return Optional.empty();
        }
        Migration done = new Migration(importMode, pendingMode, migrationRequestedBy);
        importMode = pendingMode;
        clearMigration();
        updatedAt = now;
        return Optional.of(done);
    }

    public void clearMigration() {
        pendingMode = null;
        migrationRequestedBy = null;
        migrationRequestedAt = null;
    }

    public void markDeleting(String by, Instant now) {
        status = ClusterStatus.DELETING;
        deletionRequestedBy = by;
        deletionRequestedAt = now;
        clearMigration();
        updatedAt = now;
    }
}
