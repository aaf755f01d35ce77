package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A chart archive (.tgz) by its digest, {@code sha256:<hex>}. */
@Entity
@Table(name = "addon_chart_archive")
public class ChartArchiveRecord {

    @Id
    public String digest;

    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public int size;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
