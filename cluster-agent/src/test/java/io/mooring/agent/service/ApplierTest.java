package io.mooring.agent.service;

import static io.mooring.agent.support.Addons.clusterRole;
import static io.mooring.agent.support.Addons.configMap;
import static io.mooring.agent.support.Addons.deployment;
import static io.mooring.agent.support.Addons.layer;
import static io.mooring.agent.support.Addons.object;
import static io.mooring.agent.support.Addons.profile;
import static io.mooring.agent.support.Addons.ref;
import static io.mooring.agent.support.Addons.serviceAccount;
import static io.mooring.agent.support.Addons.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.support.Addons;
import io.mooring.agent.support.AgentHarness;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.RemovedObjects;
import io.mooring.simulator.ApiRequest;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The applier against a full-permission simulated cluster: apply, update, prune, detach, drift, failures, fallback. */
class ApplierTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "observability";

    private final UUID attachment = UUID.randomUUID();

    private DesiredProfile version1() {
        return profile(attachment, "monitoring", "1.0.0", 1,
                layer("monitoring", "base", 0, NS, configMap("monitoring-settings", Map.of("level", "info")), serviceAccount("collector"),
                        clusterRole("monitoring-reader")),
                layer("monitoring", "collector", 1, NS, deployment("collector", "otel/collector:0.100.0", 2)));
    }

    private DesiredProfile version2() {
        return profile(attachment, "monitoring", "1.1.0", 2,
                layer("monitoring", "base", 0, NS, configMap("monitoring-settings", Map.of("level", "debug")),
                        configMap("monitoring-extra", Map.of("scrape", "30s")), clusterRole("monitoring-reader")),
                layer("monitoring", "collector", 1, NS, deployment("collector", "otel/collector:0.101.0", 3)));
    }

    @Test
    void appliesInOrderLabelsWhatItOwnsAndReportsEveryLayer() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent();

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));

            KubernetesClient admin = h.cluster.client();
            assertThat(admin.namespaces().withName(NS).get()).as("the layer's namespace is created").isNotNull();
            ConfigMap settings = admin.configMaps().inNamespace(NS).withName("monitoring-settings").get();
            assertThat(settings.getData()).containsEntry("level", "info");
            assertThat(settings.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mooring")
                    .containsEntry("mooring.io/profile", "monitoring").containsEntry("mooring.io/layer", "base");
            assertThat(admin.serviceAccounts().inNamespace(NS).withName("collector").get()).isNotNull();
            assertThat(admin.rbac().clusterRoles().withName("monitoring-reader").get()).isNotNull();
            assertThat(admin.apps().deployments().inNamespace(NS).withName("collector").get().getSpec().getReplicas()).isEqualTo(2);
            // The first layer is applied at once; the second waits its turn (Pending) first.
            assertThat(Addons.history(h.platform, "base", 1)).containsExactly(LayerState.APPLYING, LayerState.DEPLOYED);
            assertThat(Addons.history(h.platform, "collector", 1)).containsExactly(LayerState.PENDING, LayerState.APPLYING, LayerState.DEPLOYED);
            // Layers in order: every write of "base" before the first of "collector".
            List<String> writes = h.cluster.writeRequests().stream().map(ApiRequest::path).toList();
            int lastBase = lastIndexOf(writes, "monitoring-reader");
            int firstCollector = firstIndexOf(writes, "deployments/collector");
            assertThat(lastBase).isLessThan(firstCollector);
            assertThat(h.cluster.writeRequests()).filteredOn(r -> r.path().contains("monitoring-settings"))
                    .allSatisfy(r -> assertThat(r.method()).isEqualTo("PATCH"));
        }
    }

    @Test
    void anUpdateAppliesTheNewVersionAndPrunesWhatALayerNoLongerHolds() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent();
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));

            h.platform.desired(state(h.platform.clusterId(), 2, List.of(version2()), List.of()));

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 2, LayerState.DEPLOYED, "base", "collector"));
            KubernetesClient admin = h.cluster.client();
            await().atMost(WAIT).until(() -> admin.serviceAccounts().inNamespace(NS).withName("collector").get() == null);
            assertThat(admin.configMaps().inNamespace(NS).withName("monitoring-settings").get().getData()).containsEntry("level", "debug");
            assertThat(admin.configMaps().inNamespace(NS).withName("monitoring-extra").get()).isNotNull();
            var collector = admin.apps().deployments().inNamespace(NS).withName("collector").get();
            assertThat(collector.getSpec().getReplicas()).isEqualTo(3);
            // A real API server merges containers by name; the simulator's apply emulation appends list items, so
            // only "the new image is there" can be checked here.
            assertThat(collector.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getImage())
                    .contains("otel/collector:0.101.0");
            assertThat(admin.rbac().clusterRoles().withName("monitoring-reader").get()).isNotNull();
        }
    }

    @Test
    void detachingRemovesEverythingTheProfilePutThereAndNothingElse() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            KubernetesClient admin = h.cluster.client();
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent();
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));
            // Someone else's ConfigMap in the same namespace, and one that names Mooring but no profile.
            admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("users-own").endMetadata().build()).create();
            admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("import-like")
                    .addToLabels("app.kubernetes.io/managed-by", "mooring").endMetadata().build()).create();

            h.platform.desired(state(h.platform.clusterId(), 3, List.of(), List.of(
                    new RemovedObjects(attachment, "monitoring", "base", List.of(ref("v1", "ConfigMap", NS, "monitoring-settings"),
                            ref("v1", "ServiceAccount", NS, "collector"), ref("rbac.authorization.k8s.io/v1", "ClusterRole", null, "monitoring-reader"))),
                    new RemovedObjects(attachment, "monitoring", "collector", List.of(ref("apps/v1", "Deployment", NS, "collector"))))));

            await().atMost(WAIT).until(() -> Long.valueOf(3).equals(Addons.prunedRevision(h.platform)));
            assertThat(admin.configMaps().inNamespace(NS).withName("monitoring-settings").get()).isNull();
            assertThat(admin.serviceAccounts().inNamespace(NS).withName("collector").get()).isNull();
            assertThat(admin.rbac().clusterRoles().withName("monitoring-reader").get()).isNull();
            assertThat(admin.apps().deployments().inNamespace(NS).withName("collector").get()).isNull();
            assertThat(admin.configMaps().inNamespace(NS).withName("users-own").get()).isNotNull();
            assertThat(admin.configMaps().inNamespace(NS).withName("import-like").get()).isNotNull();
            assertThat(admin.namespaces().withName(NS).get()).as("never deleted").isNotNull();
        }
    }

    @Test
    void anObjectAnotherProfileTookOverIsLeftAlone() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            UUID other = UUID.randomUUID();
            DesiredProfile shared = profile(attachment, "monitoring", "1.0.0", 1,
                    layer("monitoring", "base", 0, NS, configMap("shared-settings", Map.of("owner", "monitoring"))));
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(shared), List.of()));
            h.startAgent();
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base"));

            DesiredProfile takeover = profile(other, "logging", "1.0.0", 1,
                    layer("logging", "shipper", 0, NS, configMap("shared-settings", Map.of("owner", "logging"))));
            h.platform.desired(state(h.platform.clusterId(), 2, List.of(takeover), List.of(
                    new RemovedObjects(attachment, "monitoring", "base", List.of(ref("v1", "ConfigMap", NS, "shared-settings"))))));

            await().atMost(WAIT).until(() -> Long.valueOf(2).equals(Addons.prunedRevision(h.platform))
                    && Addons.all(h.platform, 1, LayerState.DEPLOYED, "shipper"));
            ConfigMap live = h.cluster.client().configMaps().inNamespace(NS).withName("shared-settings").get();
            assertThat(live).isNotNull();
            assertThat(live.getMetadata().getLabels()).containsEntry("mooring.io/profile", "logging");
            assertThat(live.getData()).containsEntry("owner", "logging");
        }
    }

    @Test
    void driftIsRepairedAndReported() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent(s -> s.driftInterval(Duration.ofMillis(400)));
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));
            KubernetesClient admin = h.cluster.client();

            admin.configMaps().inNamespace(NS).withName("monitoring-settings").edit(cm -> {
                cm.getData().put("level", "trace");
                return cm;
            });
            admin.apps().deployments().inNamespace(NS).withName("collector").delete();

            await().atMost(WAIT).until(() -> "info".equals(admin.configMaps().inNamespace(NS).withName("monitoring-settings").get().getData().get("level"))
                    && admin.apps().deployments().inNamespace(NS).withName("collector").get() != null);
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));
            assertThat(Addons.history(h.platform, "base", 1)).containsSubsequence(LayerState.DEPLOYED, LayerState.DRIFTED, LayerState.DEPLOYED);
            assertThat(Addons.history(h.platform, "collector", 1)).containsSubsequence(LayerState.DEPLOYED, LayerState.DRIFTED, LayerState.DEPLOYED);
            assertThat(Addons.updates(h.platform)).filteredOn(u -> u.status() == LayerState.DRIFTED)
                    .anySatisfy(u -> assertThat(u.message()).contains("ConfigMap monitoring-settings changed"))
                    .anySatisfy(u -> assertThat(u.message()).contains("Deployment collector missing"));
        }
    }

    @Test
    void aLayerThatCannotBeAppliedFailsWithTheReasonAndTheOthersDeploy() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            DesiredProfile broken = profile(attachment, "widgets", "0.1.0", 1,
                    layer("widgets", "crs", 0, NS, object("example.com/v1", "Widget", "blue", Map.of("spec", Map.of("size", 3)))),
                    layer("widgets", "settings", 1, NS, configMap("widget-settings", Map.of("color", "blue"))));
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(broken), List.of()));
            h.startAgent();

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.FAILED, "crs") && Addons.all(h.platform, 1, LayerState.DEPLOYED, "settings"));
            assertThat(Addons.latest(h.platform).get("crs").message()).contains("does not serve Widget in example.com/v1");
            assertThat(h.cluster.client().configMaps().inNamespace(NS).withName("widget-settings").get()).isNotNull();
        }
    }

    @Test
    void aRefusedObjectFailsItsLayerWithTheServersMessage() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            String path = "/api/v1/namespaces/" + NS + "/configmaps/refused?fieldManager=mooring-agent&force=true";
            h.cluster.server().expect().patch().withPath(path).andReturn(422, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                    "message", "ConfigMap \"refused\" is invalid: data: Too long", "reason", "Invalid", "code", 422)).always();
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(profile(attachment, "p", "1.0.0", 1,
                    layer("p", "bad", 0, NS, configMap("refused", Map.of("k", "v"))),
                    layer("p", "good", 1, NS, configMap("accepted", Map.of("k", "v"))))), List.of()));
            h.startAgent();

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.FAILED, "bad") && Addons.all(h.platform, 1, LayerState.DEPLOYED, "good"));
            assertThat(Addons.latest(h.platform).get("bad").message()).contains("ConfigMap " + NS + "/refused").contains("Too long").contains("422");
        }
    }

    @Test
    void withoutServerSideApplyItCreatesAndUpdates() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            String path = "/api/v1/namespaces/" + NS + "/configmaps/monitoring-settings?fieldManager=mooring-agent&force=true";
            h.cluster.server().expect().patch().withPath(path).andReturn(415, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                    "message", "the body of the request was in an unknown format", "reason", "UnsupportedMediaType", "code", 415)).always();
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent();
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));

            h.platform.desired(state(h.platform.clusterId(), 2, List.of(version2()), List.of()));
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 2, LayerState.DEPLOYED, "base", "collector"));

            KubernetesClient admin = h.cluster.client();
            assertThat(admin.configMaps().inNamespace(NS).withName("monitoring-settings").get().getData()).containsEntry("level", "debug");
            assertThat(admin.apps().deployments().inNamespace(NS).withName("collector").get().getSpec().getReplicas()).isEqualTo(3);
            assertThat(h.cluster.writeRequests()).filteredOn(r -> r.path().contains("deployments"))
                    .anySatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
        }
    }

    @Test
    void configuredWithoutServerSideApplyItNeverSendsAnApplyPatch() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent(s -> s.serverSideApply(false));
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));

            assertThat(h.cluster.writeRequests()).noneSatisfy(r -> assertThat(r.path()).contains("fieldManager=mooring-agent&force=true"));
            assertThat(h.cluster.client().configMaps().inNamespace(NS).withName("monitoring-settings").get().getMetadata().getLabels())
                    .containsEntry("mooring.io/layer", "base");
        }
    }

    @Test
    void anUnchangedDesiredStateIsNotAppliedAgain() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(version1()), List.of()));
            h.startAgent(s -> s.driftInterval(Duration.ofMinutes(10)));
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base", "collector"));
            int writes = h.cluster.writeRequests().size();
            long polls = h.platform.requests.stream().filter(r -> r.equals("GET /api/v1/agent/addons")).count();

            await().atMost(WAIT).until(() -> h.platform.requests.stream().filter(r -> r.equals("GET /api/v1/agent/addons")).count() > polls + 3);

            assertThat(h.cluster.writeRequests()).hasSize(writes);
        }
    }

    private static int lastIndexOf(List<String> paths, String part) {
        for (int i = paths.size() - 1; i >= 0; i--) {
            if (paths.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static int firstIndexOf(List<String> paths, String part) {
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
