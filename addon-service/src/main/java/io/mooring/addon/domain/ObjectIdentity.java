package io.mooring.addon.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mooring.events.addons.ObjectRef;

/**
 * Which object in a cluster: API group, kind, namespace ({@code ""} when cluster-scoped) and name. The version
 * part of {@code apiVersion} is not part of it ({@code apps/v1} and {@code apps/v1beta2} Deployments of one name
 * are one object); {@code apiVersion} is kept to name the object to people and the agent.
 */
public record ObjectIdentity(String group, String kind, String namespace, String name, String apiVersion) {

    public static ObjectIdentity of(String apiVersion, String kind, String namespace, String name) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return new ObjectIdentity(group, kind, namespace == null ? "" : namespace, name, apiVersion);
    }

    /** Same object, whatever the apiVersion's version. */
    public boolean sameObject(ObjectIdentity other) {
        return key().equals(other.key());
    }

    @JsonIgnore
    public String key() {
        return group + "/" + kind + "/" + namespace + "/" + name;
    }

    public ObjectRef toRef() {
        return new ObjectRef(apiVersion, kind, namespace.isEmpty() ? null : namespace, name);
    }

    /** E.g. {@code ConfigMap monitoring/settings (v1)}. */
    public String describe() {
        return toRef().toString();
    }
}
