package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * addon-service's state of a cluster: {@code revision} numbers its desired-state changes, and the row is the lock
 * of its attachment changes. Project, name, mode and the tombstone mirror the shared cluster directory
 * ({@code mooring_cluster}); only {@code ClusterLifecycle} writes them.
 */
@Entity
@Table(name = "addon_cluster")
public class ClusterRecord {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    public String project;

    public String name;

    /** Null while no event has named it. */
    public String mode;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
