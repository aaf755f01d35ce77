package io.mooring.addon.repository;

import io.mooring.addon.domain.ObjectIdentity;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An object of a cluster and the attachment (and layer) that owns it. */
@Entity
@Table(name = "addon_owned_object")
public class OwnedObjectRecord {

    @Id
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(name = "attachment_id", nullable = false)
    public UUID attachmentId;

    @Column(nullable = false)
    public String layer;

    @Embedded
    public ObjectColumns object;

    public ObjectIdentity identity() {
        return object.identity();
    }

    public static OwnedObjectRecord of(UUID clusterId, UUID attachmentId, String layer, ObjectIdentity identity) {
        OwnedObjectRecord record = new OwnedObjectRecord();
        record.id = UUID.randomUUID();
        record.clusterId = clusterId;
        record.attachmentId = attachmentId;
        record.layer = layer;
        record.object = ObjectColumns.of(identity);
        return record;
    }
}
