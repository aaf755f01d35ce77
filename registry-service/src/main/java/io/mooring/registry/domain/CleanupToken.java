package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Opens the cleanup manifest of a deleted or deleting cluster ({@code kubectl delete -f}). It outlives the
 * cluster record (a force-deleted cluster still needs it) and may be used any number of times until it expires:
 * the manifest names objects only and holds nothing secret. Kept hashed like import tokens.
 */
@Entity
@Table(name = "cleanup_token")
public class CleanupToken {

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public static CleanupToken issue(UUID clusterId, String hash, Instant now, Instant expiresAt) {
        CleanupToken token = new CleanupToken();
        token.tokenHash = hash;
        token.clusterId = clusterId;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }
}
