package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The first answer to a creating request made with an {@code Idempotency-Key}. The answer holds a
 * plain-text import token, so it is stored encrypted with a key derived from the caller's Idempotency-Key
 * (kept here only as a hash) and a server secret: the database alone cannot reveal it.
 */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    @Id
    @Column(name = "key_hash", length = 64)
    public String keyHash;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(nullable = false)
    public int status;

    @Column(length = 1000)
    public String location;

    @Column(nullable = false)
    public byte[] nonce;

    @Column(nullable = false)
    public byte[] body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
