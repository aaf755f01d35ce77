package io.mooring.addon.repository;

import io.mooring.addon.domain.ObjectIdentity;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An object the agent is to prune, from the desired-state revision that stopped wanting it. */
@Entity
@Table(name = "addon_removal")
public class RemovalRecord {

    @Id
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(name = "attachment_id", nullable = false)
    public UUID attachmentId;

    @Column(nullable = false)
    public String profile;

    @Column(nullable = false)
    public String layer;

    @Embedded
    public ObjectColumns object;

    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public ObjectIdentity identity() {
        return object.identity();
    }

    public static RemovalRecord of(UUID clusterId, UUID attachmentId, String profile, String layer,
            ObjectIdentity identity, long revision, Instant now) {
        RemovalRecord record = new RemovalRecord();
        record.id = UUID.randomUUID();
        record.clusterId = clusterId;
        record.attachmentId = attachmentId;
        record.profile = profile;
        record.layer = layer;
        record.object = ObjectColumns.of(identity);
        record.revision = revision;
        record.createdAt = now;
        return record;
    }
}
