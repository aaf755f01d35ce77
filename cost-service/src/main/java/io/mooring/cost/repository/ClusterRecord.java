package io.mooring.cost.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A cluster as cost-service knows it, from lifecycle events and inventories (see V1__cost.sql). */
@Entity
@Table(name = "cost_cluster")
public class ClusterRecord {

    @Id
    public UUID id;

    public String project;

    public String name;

    @Column(name = "cloud_type")
    public String cloudType;

    public String provider;

    @Column(name = "import_mode")
    public String importMode;

    @Column(name = "imported_at")
    public Instant importedAt;

    @Column(name = "first_observed_at")
    public Instant firstObservedAt;

    @Column(name = "last_observed_at")
    public Instant lastObservedAt;

    /** The nodes of the last inventory (JSON list of {@link NodeSpec}), to show the rates each is priced at. */
    @Column(name = "last_nodes")
    public String lastNodes;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean deleted() {
        return deletedAt != null;
    }
}
