package io.mooring.events.addons;

import java.util.List;
import java.util.Map;

/**
 * One layer, rendered: Kubernetes objects as JSON objects, ready for server-side apply (Helm charts were
 * rendered by addon-service; the agent never runs Helm).
 *
 * <p>Every object has {@code apiVersion}, {@code kind}, {@code metadata.name} and the {@link AddonLabels}.
 * Namespaced objects without a namespace of their own were given {@code namespace}; so were objects of kinds
 * addon-service does not know (custom resources): for a kind that turns out to be cluster-scoped the agent
 * ignores {@code metadata.namespace}, as the API server does. The agent creates {@code namespace} when it does
 * not exist and never deletes it.
 *
 * @param name      DNS-1123 label, unique within the profile; the value of {@link AddonLabels#LAYER}
 * @param order     0-based position in the profile; apply in this order
 * @param source    {@code manifests} or {@code helm}, for information only
 * @param namespace the layer's target namespace
 * @param objects   the objects, in the order they were written or rendered
 * @param adoptExisting whether the layer may take over objects that exist in the cluster without Mooring's labels
 *                  (the profile's explicit choice). Without it such an object fails the layer and is left
 *                  untouched. An adopted object is marked with {@link AddonLabels#ADOPTED}; when no layer holds it
 *                  any more it is released (Mooring's labels and mark removed), never deleted.
 */
public record DesiredLayer(String name, int order, String source, String namespace, List<Map<String, Object>> objects,
        boolean adoptExisting) {

    public static final String MANIFESTS = "manifests";
    public static final String HELM = "helm";

    public DesiredLayer {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** A layer that takes over nothing. */
    public DesiredLayer(String name, int order, String source, String namespace, List<Map<String, Object>> objects) {
        this(name, order, source, namespace, objects, false);
    }
}
