package io.mooring.agent.domain;

import io.mooring.events.addons.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One layer of one attached profile, ready to apply: the objects with Mooring's labels set and their namespace
 * settled (the layer's namespace for namespaced kinds, none for cluster-scoped ones). {@code problems} lists what
 * makes the layer impossible to apply as it is (an object without a name, a kind the API server does not serve);
 * a layer with problems is reported Failed without touching the cluster. {@code adoptExisting}: the layer may take
 * over objects that exist without Mooring's labels (otherwise such an object fails the layer).
 */
public record LayerPlan(
        UUID attachmentId,
        String profile,
        String version,
        long generation,
        String layer,
        int order,
        String namespace,
        List<PlannedObject> objects,
        List<String> problems,
        boolean adoptExisting) {

    public LayerPlan {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
    }

    /** One object as it will be applied; {@code ref.namespace()} is null for cluster-scoped kinds. */
    public record PlannedObject(ObjectRef ref, Map<String, Object> body) {
    }

    public Owner owner() {
        return new Owner(profile, layer);
    }

    /** The profile and layer an object's labels name. */
    public record Owner(String profile, String layer) {
    }
}
