package io.mooring.health.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code health_history}; {@code seq} orders a cluster's history (the database assigns it). */
@Entity
@Table(name = "health_history")
public class HistoryRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(nullable = false)
    public String kind;

    public String previous;

    @Column(nullable = false)
    public String current;

    public String connectivity;

    /** A JSON array of check results, empty for anything but a health transition. */
    @Column(nullable = false)
    public String reasons;

    public String summary;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
