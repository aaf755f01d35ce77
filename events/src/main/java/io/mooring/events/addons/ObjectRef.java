package io.mooring.events.addons;

/** Names one Kubernetes object; {@code namespace} is null for kinds known to be cluster-scoped. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    @Override
    public String toString() {
        return kind + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name + " ("
                + apiVersion + ")";
    }
}
