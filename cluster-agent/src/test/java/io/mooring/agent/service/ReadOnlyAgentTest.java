package io.mooring.agent.service;

import static io.mooring.agent.support.Addons.configMap;
import static io.mooring.agent.support.Addons.layer;
import static io.mooring.agent.support.Addons.profile;
import static io.mooring.agent.support.Addons.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.support.AgentHarness;
import io.mooring.agent.support.Addons;
import io.mooring.events.addons.LayerState;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A read-only agent through everything it can be asked to do — reporting, a desired add-on state, a migration that
 * was not granted, the cluster's deletion — and not one write reaches the API server (the simulator's request log).
 */
class ReadOnlyAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aReadOnlyAgentNeverWrites() {
        try (AgentHarness h = AgentHarness.start(Provider.OPENSHIFT, Mode.READ_ONLY, 3, 10)) {
            Agent agent = h.startAgent(s -> s.driftInterval(Duration.ofMillis(300)));
            await().atMost(WAIT).until(() -> h.platform.lastInventory() != null && !h.platform.eventBatches.isEmpty()
                    && !h.platform.heartbeats.isEmpty());

            UUID attachment = UUID.randomUUID();
            h.platform.desired(state(h.platform.clusterId(), 1, List.of(profile(attachment, "monitoring", "1.0.0", 1,
                    layer("monitoring", "config", 0, "monitoring", configMap("settings", Map.of("level", "info"))),
                    layer("monitoring", "exporter", 1, "monitoring", configMap("exporter", Map.of("port", "9100"))))), List.of()));
            await().atMost(WAIT).until(() -> Addons.all(h.platform, 1, LayerState.FAILED, "config", "exporter"));
            assertThat(Addons.latest(h.platform).values()).allSatisfy(u -> assertThat(u.message()).startsWith("requires full-permission mode"));

            h.platform.pendingMigration("full-permission");
            int statuses = h.platform.statuses.size();
            await().atMost(WAIT).until(() -> h.platform.statuses.size() > statuses + 3);
            h.cluster.scaleWorkload(h.cluster.applicationNamespaces().get(0), firstDeployment(h), 3);
            h.cluster.warningBurst(5);
            int inventories = h.platform.inventories.size();
            await().atMost(WAIT).until(() -> h.platform.inventories.size() > inventories);

            h.platform.delete(DeletionTest.INSTALLED);
            await().atMost(WAIT).until(() -> agent.snapshot().phase() == Agent.Phase.STOPPED);

            assertThat(h.cluster.writeRequests()).isEmpty();
            assertThat(h.platform.lastStatus().facts().permissions()).isEqualTo("read-only");
            assertThat(h.cluster.client().configMaps().inNamespace("monitoring").withName("settings").get()).isNull();
        }
    }

    private static String firstDeployment(AgentHarness h) {
        return h.cluster.client().apps().deployments().inNamespace(h.cluster.applicationNamespaces().get(0)).list().getItems().get(0)
                .getMetadata().getName();
    }
}
