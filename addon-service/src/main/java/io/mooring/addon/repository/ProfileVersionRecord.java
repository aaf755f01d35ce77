package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A published, immutable profile version; {@code definition} and {@code rendered} are JSON. */
@Entity
@Table(name = "addon_profile_version")
public class ProfileVersionRecord {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String version;

    @Column(name = "sort_key", nullable = false)
    public String sortKey;

    @Column(nullable = false)
    public String type;

    public String description;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(nullable = false)
    public String definition;

    @Column(nullable = false)
    public String rendered;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
