package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A cluster as the lifecycle events describe it; {@code revision} numbers its desired-state changes. */
@Entity
@Table(name = "addon_cluster")
public class ClusterRecord {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    public String project;

    public String name;

    @Column(nullable = false)
    public String mode;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
