package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.domain.ApplyPlanner.ObjectId;
import io.mooring.agent.domain.LayerPlan.Owner;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.ObjectRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApplyPlannerTest {

    private static final ApplyPlanner.Scopes SCOPES = (apiVersion, kind) -> switch (kind) {
        case "ConfigMap", "Deployment", "ServiceAccount" -> Optional.of(true);
        case "ClusterRole", "Namespace" -> Optional.of(false);
        default -> Optional.empty();
    };

    private final ApplyPlanner planner = new ApplyPlanner();

    @Test
    void layersComeInProfileOrderThenLayerOrder() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        DesiredState state = new DesiredState(UUID.randomUUID(), 4, List.of(
                new DesiredProfile(first, "monitoring", "1.0.0", 2, List.of(
                        layer("agents", 1, "monitoring", configMap("b")),
                        layer("crds", 0, "monitoring", clusterRole("reader")))),
                new DesiredProfile(second, "logging", "2.1.0", 1, List.of(layer("shipper", 0, "logging", configMap("c"))))), List.of());

        List<LayerPlan> plans = planner.plan(state, SCOPES);

        assertThat(plans).extracting(p -> p.profile() + "/" + p.layer()).containsExactly("monitoring/crds", "monitoring/agents", "logging/shipper");
        assertThat(plans.get(0).generation()).isEqualTo(2);
        assertThat(plans.get(0).attachmentId()).isEqualTo(first);
    }

    @Test
    void labelsEveryObjectAndSettlesItsNamespace() {
        DesiredState state = state(layer("base", 0, "addons", configMap("settings"), clusterRole("reader"), withNamespace(configMap("elsewhere"), "other")));

        LayerPlan plan = planner.plan(state, SCOPES).get(0);

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.objects()).extracting(o -> o.ref()).containsExactly(
                new ObjectRef("v1", "ConfigMap", "addons", "settings"),
                new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "reader"),
                new ObjectRef("v1", "ConfigMap", "other", "elsewhere"));
        assertThat(plan.objects()).allSatisfy(o -> {
            Map<String, Object> labels = labels(o.body());
            assertThat(labels).containsEntry("app.kubernetes.io/managed-by", "mooring").containsEntry("mooring.io/profile", "monitoring")
                    .containsEntry("mooring.io/layer", "base");
        });
        assertThat(metadata(plan.objects().get(1).body())).doesNotContainKey("namespace");
        assertThat(metadata(plan.objects().get(0).body())).containsEntry("namespace", "addons");
    }

    @Test
    void whatCannotBeAppliedIsAProblemOfItsLayerOnly() {
        Map<String, Object> nameless = new HashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", new HashMap<>()));
        Map<String, Object> widget = new HashMap<>(Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", new HashMap<>(Map.of("name", "w"))));
        DesiredState state = state(layer("broken", 0, "addons", nameless, widget, configMap("fine")), layer("good", 1, "addons", configMap("ok")));

        List<LayerPlan> plans = planner.plan(state, SCOPES);

        assertThat(plans.get(0).problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("Widget"));
        assertThat(plans.get(0).objects()).hasSize(1);
        assertThat(plans.get(1).problems()).isEmpty();
    }

    @Test
    void theDesiredObjectIsNotChangedByPlanning() {
        Map<String, Object> object = configMap("settings");
        planner.plan(state(layer("base", 0, "addons", object)), SCOPES);
        assertThat(metadata(object)).doesNotContainKeys("labels", "namespace");
    }

    @Test
    void prunesOnlyWhatCarriesAllThreeLabelsOfTheOwnerAndNoLayerHolds() {
        ObjectId id = new ObjectId("", "ConfigMap", "addons", "old");
        Owner owner = new Owner("monitoring", "base");
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "mooring", "mooring.io/profile", "monitoring", "mooring.io/layer", "base");

        assertThat(ApplyPlanner.shouldPrune(id, labels, owner, Map.of())).isTrue();
        assertThat(ApplyPlanner.shouldPrune(id, labels, owner, Map.of(id, owner))).as("still desired").isFalse();
        assertThat(ApplyPlanner.shouldPrune(id, labels, owner, Map.of(id, new Owner("logging", "x")))).as("another profile holds it").isFalse();
        assertThat(ApplyPlanner.shouldPrune(id, Map.of("app.kubernetes.io/managed-by", "mooring", "mooring.io/profile", "logging",
                "mooring.io/layer", "base"), owner, Map.of())).as("taken over").isFalse();
        assertThat(ApplyPlanner.shouldPrune(id, Map.of("app.kubernetes.io/managed-by", "helm", "mooring.io/profile", "monitoring",
                "mooring.io/layer", "base"), owner, Map.of())).as("not Mooring's").isFalse();
        assertThat(ApplyPlanner.shouldPrune(new ObjectId("", "Namespace", null, "addons"), labels, owner, Map.of()))
                .as("never a namespace").isFalse();
    }

    @Test
    void theImportManifestsObjectsNameNoOwner() {
        assertThat(ApplyPlanner.ownerOf(Map.of("app.kubernetes.io/managed-by", "mooring", "app.kubernetes.io/name", "mooring-agent"))).isEmpty();
        assertThat(ApplyPlanner.ownerOf(Map.of("app.kubernetes.io/managed-by", "mooring", "mooring.io/profile", "p", "mooring.io/layer", "l")))
                .contains(new Owner("p", "l"));
    }

    // ---------------------------------------------------------------- helpers

    private static DesiredState state(DesiredLayer... layers) {
        return new DesiredState(UUID.randomUUID(), 1, List.of(new DesiredProfile(UUID.randomUUID(), "monitoring", "1.0.0", 1, List.of(layers))),
                List.of());
    }

    @SafeVarargs
    static DesiredLayer layer(String name, int order, String namespace, Map<String, Object>... objects) {
        return new DesiredLayer(name, order, DesiredLayer.MANIFESTS, namespace, List.of(objects));
    }

    static Map<String, Object> configMap(String name) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", name);
        Map<String, Object> object = new HashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        object.put("metadata", metadata);
        object.put("data", Map.of("level", "info"));
        return object;
    }

    private static Map<String, Object> clusterRole(String name) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "ignored");
        return new HashMap<>(Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRole", "metadata", metadata));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withNamespace(Map<String, Object> object, String namespace) {
        ((Map<String, Object>) object.get("metadata")).put("namespace", namespace);
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> object) {
        return (Map<String, Object>) metadata(object).get("labels");
    }
}
