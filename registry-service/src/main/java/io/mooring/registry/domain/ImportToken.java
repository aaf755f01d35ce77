package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, expiring import token, kept only as its SHA-256 hash, and the handle of the manifest URL that
 * serves it (also kept as a hash). The handle opens the import manifest (served without a user token) until the
 * token is spent; the token opens the agent's first registration. The manifest needs the token itself, so it is
 * kept sealed with the handle until then ({@code sealedToken}): the database alone does not reveal it. Issuing a new
 * one for the cluster revokes the previous ones.
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

    /** The hash of the manifest URL's handle; null for tokens issued before handles (their URL holds the token). */
    @Column(name = "manifest_hash", unique = true, length = 64)
    public String manifestHash;

    /** The token, AES-GCM sealed with a key derived from the handle; dropped when the token is spent. */
    @Column(name = "sealed_token")
    public byte[] sealedToken;

    @Column(name = "seal_nonce")
    public byte[] sealNonce;

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

    /** The manifest URL's handle and the token sealed with it. */
    public ImportToken servedBy(String handleHash, byte[] nonce, byte[] sealed) {
        manifestHash = handleHash;
        sealNonce = nonce;
        sealedToken = sealed;
        return this;
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
