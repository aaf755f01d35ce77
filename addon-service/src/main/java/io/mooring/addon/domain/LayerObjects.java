package io.mooring.addon.domain;

import io.mooring.events.addons.AddonLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the objects a layer's manifests or chart produced into what the agent applies: each object gets the
 * {@link AddonLabels} (replacing any value already there, Helm's {@code managed-by: Helm} included) and, when it
 * is namespaced or of a kind the model does not know and names no namespace, the layer's namespace. The
 * identities say which objects the layer owns.
 */
public final class LayerObjects {

    private LayerObjects() {
    }

    public static RenderedLayer render(String profile, String layer, int order, String source, String namespace,
            List<ManifestParser.ParsedObject> parsed) {
        List<Map<String, Object>> objects = new ArrayList<>(parsed.size());
        List<ObjectIdentity> identities = new ArrayList<>(parsed.size());
        for (ManifestParser.ParsedObject object : parsed) {
            Map<String, Object> copy = deepCopy(object.object());
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) copy.get("metadata");
            String effectiveNamespace;
            if (Boolean.FALSE.equals(object.namespaced())) {
                effectiveNamespace = "";
            } else if (object.namespace() != null) {
                effectiveNamespace = object.namespace();
            } else {
                effectiveNamespace = namespace;
                metadata.put("namespace", namespace);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = metadata.get("labels") instanceof Map<?, ?> existing
                    ? (Map<String, Object>) existing
                    : new LinkedHashMap<>();
            labels.put(AddonLabels.MANAGED_BY, AddonLabels.MANAGED_BY_VALUE);
            labels.put(AddonLabels.PROFILE, profile);
            labels.put(AddonLabels.LAYER, layer);
            metadata.put("labels", labels);
            objects.add(copy);
            identities.add(ObjectIdentity.of(object.apiVersion(), object.kind(), effectiveNamespace, object.name()));
        }
        return new RenderedLayer(layer, order, source, namespace, objects, identities);
    }

    /** The first object two layers (or one layer twice) would both own, as a message; empty when none. */
    public static Optional<String> duplicate(List<RenderedLayer> layers) {
        Map<String, String> seen = new HashMap<>();
        for (RenderedLayer layer : layers) {
            for (ObjectIdentity identity : layer.identities()) {
                String previous = seen.putIfAbsent(identity.key(), layer.name());
                if (previous != null) {
                    return Optional.of(identity.describe() + " is defined twice: by layer '" + previous
                            + "' and by layer '" + layer.name() + "'");
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyValue(v)));
            return copy;
        }
        return value;
    }
}
