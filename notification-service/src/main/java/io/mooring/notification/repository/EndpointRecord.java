package io.mooring.notification.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "webhook_endpoint")
public class EndpointRecord {

    @Id
    public UUID id;
    public String project;
    public String name;
    public String url;
    public String format;
    public String secret;
    /** The secret the last rotation replaced, still signing until {@link #previousSecretExpiresAt}. */
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    public boolean enabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
