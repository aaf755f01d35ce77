package io.mooring.addon.repository;

import io.mooring.addon.domain.ObjectIdentity;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The columns that name a Kubernetes object, shared by the tables that record objects. */
@Embeddable
public class ObjectColumns {

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

    static ObjectColumns of(ObjectIdentity identity) {
        ObjectColumns columns = new ObjectColumns();
        columns.apiGroup = identity.group();
        columns.kind = identity.kind();
        columns.namespace = identity.namespace();
        columns.name = identity.name();
        columns.apiVersion = identity.apiVersion();
        return columns;
    }

    ObjectIdentity identity() {
        return new ObjectIdentity(apiGroup, kind, namespace, name, apiVersion);
    }
}
