package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, expiring import token, kept only as its SHA-256 hash. It opens the import manifest (served
 * without a user token) and, once, the agent's registration. Issuing a new one for the cluster revokes the
 * previous ones.
 */
@Entity
@Table(name = "import_token")
public class ImportToken {

    public enum State {
        USABLE, SPENT, REVOKED, EXPIRED
    }

    @Id
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    public String tokenHash;

    /** The mode of the manifest this token serves. */
    @Column(name = "import_mode", nullable = false)
    public ImportMode importMode;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "spent_at")
    public Instant spentAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static ImportToken issue(UUID clusterId, String hash, ImportMode mode, String by, Instant now,
            Instant expiresAt) {
        ImportToken token = new ImportToken();
        token.id = UUID.randomUUID();
        token.clusterId = clusterId;
        token.tokenHash = hash;
        token.importMode = mode;
        token.createdBy = by;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    public State state(Instant now) {
        if (spentAt != null) {
            return State.SPENT;
        }
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (!now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return State.USABLE;
    }
}
