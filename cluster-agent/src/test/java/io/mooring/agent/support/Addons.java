package io.mooring.agent.support;

import io.mooring.events.addons.DesiredLayer;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.LayerStatusUpdate;
import io.mooring.events.addons.ObjectRef;
import io.mooring.events.addons.RemovedObjects;
import io.mooring.events.addons.StatusReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Desired states as addon-service renders them (objects already labelled), and what the agent reported. */
public final class Addons {

    private Addons() {
    }

    public static DesiredState state(UUID clusterId, long revision, List<DesiredProfile> profiles, List<RemovedObjects> removed) {
        return new DesiredState(clusterId, revision, profiles, removed);
    }

    public static DesiredProfile profile(UUID attachment, String name, String version, long generation, DesiredLayer... layers) {
        return new DesiredProfile(attachment, name, version, generation, List.of(layers));
    }

    @SafeVarargs
    public static DesiredLayer layer(String profile, String name, int order, String namespace, Map<String, Object>... objects) {
        List<Map<String, Object>> labelled = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            labelled.add(labelled(object, profile, name));
        }
        return new DesiredLayer(name, order, DesiredLayer.MANIFESTS, namespace, labelled);
    }

    /** The same layer, allowed to take over objects that exist without Mooring's labels. */
    public static DesiredLayer adopting(DesiredLayer layer) {
        return new DesiredLayer(layer.name(), layer.order(), layer.source(), layer.namespace(), layer.objects(), true);
    }

    public static Map<String, Object> configMap(String name, Map<String, String> data) {
        return object("v1", "ConfigMap", name, Map.of("data", data));
    }

    public static Map<String, Object> serviceAccount(String name) {
        return object("v1", "ServiceAccount", name, Map.of());
    }

    public static Map<String, Object> clusterRole(String name) {
        return object("rbac.authorization.k8s.io/v1", "ClusterRole", name, Map.of("rules",
                List.of(Map.of("apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("get", "list")))));
    }

    public static Map<String, Object> deployment(String name, String image, int replicas) {
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", name);
        return object("apps/v1", "Deployment", name, Map.of("spec", Map.of(
                "replicas", replicas,
                "selector", Map.of("matchLabels", labels),
                "template", Map.of("metadata", Map.of("labels", labels),
                        "spec", Map.of("containers", List.of(Map.of("name", name, "image", image)))))));
    }

    public static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        object.put("metadata", metadata);
        object.putAll(rest);
        return object;
    }

    public static ObjectRef ref(String apiVersion, String kind, String namespace, String name) {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labelled(Map<String, Object> object, String profile, String layer) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "mooring");
        labels.put("mooring.io/profile", profile);
        labels.put("mooring.io/layer", layer);
        metadata.put("labels", labels);
        copy.put("metadata", metadata);
        return copy;
    }

    /** Every layer update the agent sent, in order. */
    public static List<LayerStatusUpdate> updates(FakePlatform platform) {
        List<LayerStatusUpdate> updates = new ArrayList<>();
        for (StatusReport report : platform.addonReports) {
            updates.addAll(report.layers());
        }
        return updates;
    }

    /** The latest state reported for each layer. */
    public static Map<String, LayerStatusUpdate> latest(FakePlatform platform) {
        Map<String, LayerStatusUpdate> latest = new LinkedHashMap<>();
        for (LayerStatusUpdate update : updates(platform)) {
            latest.put(update.layer(), update);
        }
        return latest;
    }

    public static boolean all(FakePlatform platform, long generation, LayerState state, String... layers) {
        Map<String, LayerStatusUpdate> latest = latest(platform);
        for (String layer : layers) {
            LayerStatusUpdate update = latest.get(layer);
            if (update == null || update.status() != state || update.generation() != generation) {
                return false;
            }
        }
        return true;
    }

    /** The states one layer went through, in order. */
    public static List<LayerState> history(FakePlatform platform, String layer, long generation) {
        return updates(platform).stream().filter(u -> u.layer().equals(layer) && u.generation() == generation).map(LayerStatusUpdate::status)
                .toList();
    }

    public static Long prunedRevision(FakePlatform platform) {
        Long pruned = null;
        for (StatusReport report : platform.addonReports) {
            if (report.prunedRevision() != null) {
                pruned = report.prunedRevision();
            }
        }
        return pruned;
    }
}
