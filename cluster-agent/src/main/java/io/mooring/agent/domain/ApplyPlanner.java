package io.mooring.agent.domain;

import io.mooring.events.addons.AddonLabels;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.ObjectRef;
import io.mooring.agent.domain.LayerPlan.Owner;
import io.mooring.agent.domain.LayerPlan.PlannedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link DesiredState} into what the applier does, without touching a cluster: the layers in apply order
 * (profiles as given, layers by their order), each object labelled and namespaced, and the pruning rules. Whether
 * a kind is namespaced is asked of {@link Scopes} (API discovery in the agent, a table in tests).
 */
public final class ApplyPlanner {

    /** Answers whether a kind is namespaced; empty when the API server does not serve it. */
    @FunctionalInterface
    public interface Scopes {
        Optional<Boolean> namespaced(String apiVersion, String kind);
    }

    /** The identity of an object, whatever its API version: group, kind, namespace (null when cluster-scoped), name. */
    public record ObjectId(String group, String kind, String namespace, String name) {
        public static ObjectId of(ObjectRef ref) {
            return new ObjectId(ApplyPlanner.group(ref.apiVersion()), ref.kind(), emptyToNull(ref.namespace()), ref.name());
        }
    }

    public List<LayerPlan> plan(DesiredState state, Scopes scopes) {
        List<LayerPlan> plans = new ArrayList<>();
        for (DesiredProfile profile : state.profiles()) {
            List<DesiredLayer> layers = new ArrayList<>(profile.layers());
            layers.sort(Comparator.comparingInt(DesiredLayer::order));
            for (DesiredLayer layer : layers) {
                plans.add(planLayer(profile, layer, scopes));
            }
        }
        return plans;
    }

    private LayerPlan planLayer(DesiredProfile profile, DesiredLayer layer, Scopes scopes) {
        List<PlannedObject> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<ObjectId> seen = new HashSet<>();
        int index = 0;
        for (Map<String, Object> object : layer.objects()) {
            index++;
            String apiVersion = string(object.get("apiVersion"));
            String kind = string(object.get("kind"));
            Map<String, Object> metadata = map(object.get("metadata"));
            String name = metadata == null ? null : string(metadata.get("name"));
            if (apiVersion == null || kind == null || name == null) {
                problems.add("object " + index + " needs apiVersion, kind and metadata.name");
                continue;
            }
            Optional<Boolean> namespaced = scopes.namespaced(apiVersion, kind);
            if (namespaced.isEmpty()) {
                problems.add("the API server does not serve " + kind + " in " + apiVersion + " (object " + kind + " " + name + ")");
                continue;
            }
            Map<String, Object> body = deepCopy(object);
            Map<String, Object> meta = map(body.get("metadata"));
            String namespace = null;
            if (namespaced.get()) {
                namespace = string(meta.get("namespace"));
                if (namespace == null) {
                    namespace = layer.namespace();
                }
                if (namespace == null) {
                    problems.add(kind + " " + name + " is namespaced but neither it nor the layer names a namespace");
                    continue;
                }
                meta.put("namespace", namespace);
            } else {
                meta.remove("namespace");
            }
            Map<String, Object> labels = map(meta.get("labels"));
            Map<String, Object> ensured = labels == null ? new LinkedHashMap<>() : labels;
            ensured.put(AddonLabels.MANAGED_BY, AddonLabels.MANAGED_BY_VALUE);
            ensured.put(AddonLabels.PROFILE, profile.profile());
            ensured.put(AddonLabels.LAYER, layer.name());
            meta.put("labels", ensured);
            // What the server keeps for itself must not be applied.
            meta.remove("resourceVersion");
            meta.remove("uid");
            meta.remove("managedFields");
            meta.remove("creationTimestamp");
            meta.remove("generation");
            body.remove("status");
            ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, name);
            if (!seen.add(ObjectId.of(ref))) {
                problems.add(ref + " appears twice in the layer");
                continue;
            }
            objects.add(new PlannedObject(ref, body));
        }
        return new LayerPlan(profile.attachmentId(), profile.profile(), profile.version(), profile.generation(), layer.name(), layer.order(),
                layer.namespace(), objects, problems, layer.adoptExisting());
    }

    /** What every layer of the plan holds, by the owner its labels will name. */
    public static Map<ObjectId, Owner> desiredOwners(List<LayerPlan> plans) {
        Map<ObjectId, Owner> owners = new HashMap<>();
        for (LayerPlan plan : plans) {
            for (PlannedObject object : plan.objects()) {
                owners.put(ObjectId.of(object.ref()), plan.owner());
            }
        }
        return owners;
    }

    /**
     * Whether a live object is Mooring's to delete now: it carries all three labels naming {@code owner}, and no
     * layer of the desired state holds it (an object another layer or profile holds now is left alone, even if
     * its labels were not updated yet).
     */
    public static boolean shouldPrune(ObjectId id, Map<String, String> liveLabels, Owner owner, Map<ObjectId, Owner> desired) {
        if (liveLabels == null || !AddonLabels.MANAGED_BY_VALUE.equals(liveLabels.get(AddonLabels.MANAGED_BY))) {
            return false;
        }
        if (!owner.profile().equals(liveLabels.get(AddonLabels.PROFILE)) || !owner.layer().equals(liveLabels.get(AddonLabels.LAYER))) {
            return false;
        }
        if ("Namespace".equals(id.kind()) && id.group().isEmpty()) {
            // A namespace takes everything in it, the user's workloads included: Mooring never deletes one.
            return false;
        }
        return !desired.containsKey(id);
    }

    /** The owner named by a live object's labels, when it carries all three. */
    public static Optional<Owner> ownerOf(Map<String, String> labels) {
        if (labels == null || !AddonLabels.MANAGED_BY_VALUE.equals(labels.get(AddonLabels.MANAGED_BY))) {
            return Optional.empty();
        }
        String profile = labels.get(AddonLabels.PROFILE);
        String layer = labels.get(AddonLabels.LAYER);
        if (profile == null || profile.isEmpty() || layer == null || layer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Owner(profile, layer));
    }

    static String group(String apiVersion) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            l.forEach(v -> list.add(copyValue(v)));
            return list;
        }
        return value;
    }
}
