package io.mooring.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What remains of a deleted cluster: enough to refuse its agent with 410 rather than a puzzling 404. */
@Entity
@Table(name = "cluster_tombstone")
public class ClusterTombstone {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    @Column(nullable = false, length = 63)
    public String project;

    @Column(nullable = false, length = 63)
    public String name;

    @Column(nullable = false)
    public boolean forced;

    @Column(name = "deleted_by", nullable = false)
    public String deletedBy;

    @Column(name = "deleted_at", nullable = false)
    public Instant deletedAt;

    public static ClusterTombstone of(Cluster cluster, boolean forced, String by, Instant now) {
        ClusterTombstone tombstone = new ClusterTombstone();
        tombstone.clusterId = cluster.id;
        tombstone.project = cluster.project;
        tombstone.name = cluster.name;
        tombstone.forced = forced;
        tombstone.deletedBy = by;
        tombstone.deletedAt = now;
        return tombstone;
    }
}
