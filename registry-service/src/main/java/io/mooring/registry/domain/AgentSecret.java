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
 *
 * <p>It also holds the hash of the re-registration secret the first registration handed the agent: with it, and
 * only with it, the spent import token brings back an agent that lost its state. A re-registration replaces the
 * refresh secret and remembers the replaced one as {@code supersededHash}: if that secret is presented again, the
 * agent that held it is still running, so two agents share the identity.
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

    /** Null for agents that registered before re-registration secrets: they need a new import command. */
    @Column(name = "re_registration_hash", length = 64)
    public String reRegistrationHash;

    @Column(name = "superseded_hash", length = 64)
    public String supersededHash;

    @Column(name = "superseded_at")
    public Instant supersededAt;

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

    /** A registration with a fresh import token: a new installation, nothing of the previous one counts. */
    public void replace(String newHash, String newReRegistrationHash, Instant now) {
        secretHash = newHash;
        previousHash = null;
        previousValidUntil = null;
        reRegistrationHash = newReRegistrationHash;
        supersededHash = null;
        supersededAt = null;
        registeredAt = now;
        rotatedAt = now;
    }

    /**
     * A re-registration: the new refresh secret replaces the current one, which is remembered as superseded (a
     * secret still in its rotation grace is simply dropped).
     */
    public void supersede(String newHash, Instant now) {
        supersededHash = secretHash;
        supersededAt = now;
        secretHash = newHash;
        previousHash = null;
        previousValidUntil = null;
        registeredAt = now;
        rotatedAt = now;
    }

    /** Whether {@code presentedHash} is the re-registration secret of this installation. */
    public boolean acceptsReRegistration(String presentedHash) {
        return same(reRegistrationHash, presentedHash);
    }

    /**
     * Whether {@code presentedHash} is the refresh secret a re-registration replaced less than {@code window} ago:
     * the agent that held it is still running beside the one that re-registered.
     */
    public boolean isSuperseded(String presentedHash, Instant now, Duration window) {
        return supersededAt != null && now.isBefore(supersededAt.plus(window)) && same(supersededHash, presentedHash);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
