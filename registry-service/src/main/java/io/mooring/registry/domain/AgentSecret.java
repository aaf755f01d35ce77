package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The hash of a cluster agent's refresh secret. Each refresh rotates it; the previous secret stays good for a
 * short grace period, so an agent whose refresh answer was lost on the way can still retry once.
 */
@Entity
@Table(name = "agent_secret")
public class AgentSecret {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    @Column(name = "previous_hash", length = 64)
    public String previousHash;

    @Column(name = "previous_valid_until")
    public Instant previousValidUntil;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "rotated_at", nullable = false)
    public Instant rotatedAt;

    public static AgentSecret register(UUID clusterId, String hash, Instant now) {
        AgentSecret secret = new AgentSecret();
        secret.clusterId = clusterId;
        secret.secretHash = hash;
        secret.registeredAt = now;
        secret.rotatedAt = now;
        return secret;
    }

    /** Whether {@code presentedHash} is the current secret, or the previous one within its grace period. */
    public boolean accepts(String presentedHash, Instant now) {
        if (same(secretHash, presentedHash)) {
            return true;
        }
        return previousHash != null && previousValidUntil != null && now.isBefore(previousValidUntil)
                && same(previousHash, presentedHash);
    }

    /** Replaces the secret; the one presented stays good until {@code now + grace} if it was the current one. */
    public void rotate(String presentedHash, String newHash, Instant now, Duration grace) {
        if (same(secretHash, presentedHash)) {
            previousHash = secretHash;
            previousValidUntil = now.plus(grace);
        }
        secretHash = newHash;
        rotatedAt = now;
    }

    public void replace(String newHash, Instant now) {
        secretHash = newHash;
        previousHash = null;
        previousValidUntil = null;
        registeredAt = now;
        rotatedAt = now;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
