package io.mooring.health.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code cluster_inventory}: the latest inventory of a cluster and what was last published of it. */
@Entity
@Table(name = "cluster_inventory")
public class InventoryRecord {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** SHA-256 of {@link #inventory}. */
    @Column(nullable = false, length = 64)
    public String hash;

    /** The canonical JSON of the inventory. */
    @Column(nullable = false)
    public String inventory;

    @Column(name = "published_hash", length = 64)
    public String publishedHash;

    @Column(name = "published_at")
    public Instant publishedAt;
}
