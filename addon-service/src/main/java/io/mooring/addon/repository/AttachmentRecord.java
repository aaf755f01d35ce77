package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A profile version attached to a cluster; {@code overrides} and {@code rendered} are JSON. */
@Entity
@Table(name = "addon_attachment")
public class AttachmentRecord {

    @Id
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(nullable = false)
    public String project;

    @Column(nullable = false)
    public String profile;

    @Column(name = "profile_version_id", nullable = false)
    public UUID profileVersionId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String overrides;

    @Column(nullable = false)
    public String rendered;

    @Column(nullable = false)
    public long generation;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
