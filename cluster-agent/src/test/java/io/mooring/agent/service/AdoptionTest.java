package io.mooring.agent.service;

import static io.mooring.agent.support.Addons.adopting;
import static io.mooring.agent.support.Addons.configMap;
import static io.mooring.agent.support.Addons.layer;
import static io.mooring.agent.support.Addons.profile;
import static io.mooring.agent.support.Addons.ref;
import static io.mooring.agent.support.Addons.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.support.Addons;
import io.mooring.agent.support.AgentHarness;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.RemovedObjects;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Objects that exist in the cluster without Mooring's labels are someone else's: a layer naming one fails and
 * leaves it untouched, unless the layer adopts existing objects; an adopted object is released, never deleted.
 */
class AdoptionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "observability";

    private final UUID attachment = UUID.randomUUID();

    private static void usersOwnConfigMap(KubernetesClient admin) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("users-settings")
                .addToLabels("app", "users").endMetadata().addToData("owner", "user").build()).create();
    }

    @Test
    void aLayerNamingAnObjectMooringDidNotCreateFailsWithTheReasonAndLeavesItUntouched() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            KubernetesClient admin = h.cluster.client();
            usersOwnConfigMap(admin);
            DesiredProfile profile = profile(attachment, "monitoring", "1.0.0", 1,
                    layer("monitoring", "base", 0, NS, configMap("mooring-made", Map.of("k", "v")),
                            configMap("users-settings", Map.of("owner", "mooring"))),
                    layer("monitoring", "other", 1, NS, configMap("other-settings", Map.of("k", "v"))));
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(profile), List.of()));
            h.startAgent();

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.FAILED, "base")
                    && Addons.all(h.platform, 1, LayerState.DEPLOYED, "other"));
            assertThat(Addons.latest(h.platform).get("base").message()).contains("not managed by Mooring")
                    .contains("ConfigMap " + NS + "/users-settings").contains("adoptExisting");
            ConfigMap users = admin.configMaps().inNamespace(NS).withName("users-settings").get();
            assertThat(users.getData()).containsEntry("owner", "user");
            assertThat(users.getMetadata().getLabels()).containsOnlyKeys("app");
            assertThat(admin.configMaps().inNamespace(NS).withName("mooring-made").get())
                    .as("nothing of a refused layer is applied").isNull();
        }
    }

    @Test
    void anAdoptingLayerTakesTheObjectOverAndDetachingReleasesItButDeletesWhatMooringCreated() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.FULL_PERMISSION)) {
            KubernetesClient admin = h.cluster.client();
            usersOwnConfigMap(admin);
            DesiredProfile profile = profile(attachment, "monitoring", "1.0.0", 1,
                    adopting(layer("monitoring", "base", 0, NS, configMap("mooring-made", Map.of("k", "v")),
                            configMap("users-settings", Map.of("owner", "mooring")))));
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(profile), List.of()));
            h.startAgent(s -> s.driftInterval(Duration.ofMillis(300)));

            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.DEPLOYED, "base"));
            ConfigMap adopted = admin.configMaps().inNamespace(NS).withName("users-settings").get();
            assertThat(adopted.getData()).containsEntry("owner", "mooring");
            assertThat(adopted.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mooring")
                    .containsEntry("mooring.io/layer", "base");
            assertThat(adopted.getMetadata().getAnnotations()).containsEntry("mooring.io/adopted", "true");
            assertThat(admin.configMaps().inNamespace(NS).withName("mooring-made").get().getMetadata().getAnnotations())
                    .as("an object Mooring created carries no adopted mark").doesNotContainKey("mooring.io/adopted");
            // The adopted mark is part of what was applied: drift checks do not see it as a change.
            long polls = h.platform.requests.stream().filter(r -> r.equals("GET /api/v1/agent/addons")).count();
            await().atMost(WAIT).until(() -> h.platform.requests.stream().filter(r -> r.equals("GET /api/v1/agent/addons")).count() > polls + 4);
            assertThat(Addons.history(h.platform, "base", 1)).doesNotContain(LayerState.DRIFTED);

            h.platform.desired(state(h.platform.clusterId(), 2, List.of(), List.of(new RemovedObjects(attachment, "monitoring", "base",
                    List.of(ref("v1", "ConfigMap", NS, "mooring-made"), ref("v1", "ConfigMap", NS, "users-settings"))))));

            await().atMost(WAIT).until(() -> Long.valueOf(2).equals(Addons.prunedRevision(h.platform)));
            assertThat(admin.configMaps().inNamespace(NS).withName("mooring-made").get()).as("created by Mooring: deleted").isNull();
            ConfigMap released = admin.configMaps().inNamespace(NS).withName("users-settings").get();
            assertThat(released).as("adopted: released, not deleted").isNotNull();
            assertThat(released.getMetadata().getLabels()).containsOnlyKeys("app");
            assertThat(released.getMetadata().getAnnotations() == null ? Map.of() : released.getMetadata().getAnnotations())
                    .doesNotContainKey("mooring.io/adopted");
        }
    }
}
