package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row per profile name: its type and its latest version. */
@Entity
@Table(name = "addon_profile")
public class ProfileRecord {

    @Id
    public String name;

    @Column(nullable = false)
    public String type;

    public String description;

    @Column(name = "latest_version", nullable = false)
    public String latestVersion;

    @Column(name = "latest_sort_key", nullable = false)
    public String latestSortKey;

    @Column(name = "version_count", nullable = false)
    public int versionCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
