package io.mooring.addon.repository;

import io.mooring.addon.domain.ObjectIdentity;
import jakarta.persistence.Column;
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

    @Column(name = "api_group", nullable = false)
    public String apiGroup;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String name;

    @Column(name = "api_version", nullable = false)
    public String apiVersion;

    public ObjectIdentity identity() {
        return new ObjectIdentity(apiGroup, kind, namespace, name, apiVersion);
    }

    public static OwnedObjectRecord of(UUID clusterId, UUID attachmentId, String layer, ObjectIdentity identity) {
        OwnedObjectRecord record = new OwnedObjectRecord();
        record.id = UUID.randomUUID();
        record.clusterId = clusterId;
        record.attachmentId = attachmentId;
        record.layer = layer;
        record.apiGroup = identity.group();
        record.kind = identity.kind();
        record.namespace = identity.namespace();
        record.name = identity.name();
        record.apiVersion = identity.apiVersion();
        return record;
    }
}
