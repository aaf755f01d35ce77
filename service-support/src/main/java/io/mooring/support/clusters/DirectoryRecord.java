package io.mooring.support.clusters;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The row of {@code mooring_cluster} (V0_4__cluster_directory.sql); written only by {@link ClusterDirectory}. */
@Entity
@Table(name = "mooring_cluster")
public class DirectoryRecord {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    public String project;

    public String name;

    @Column(name = "cloud_type")
    public String cloudType;

    @Column(name = "import_mode")
    public String importMode;

    @Column(name = "imported_at")
    public Instant importedAt;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    ClusterEntry entry() {
        return new ClusterEntry(clusterId, project, name, cloudType, importMode, importedAt, connectedAt, deleted,
                deletedAt, updatedAt);
    }

    void set(ClusterEntry entry) {
        clusterId = entry.clusterId();
        project = entry.project();
        name = entry.name();
        cloudType = entry.cloudType();
        importMode = entry.importMode();
        importedAt = entry.importedAt();
        connectedAt = entry.connectedAt();
        deleted = entry.deleted();
        deletedAt = entry.deletedAt();
        updatedAt = entry.updatedAt();
    }
}
