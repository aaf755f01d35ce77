package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.support.AgentHarness;
import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Workload;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Heartbeats, inventories and events with the right content, against clusters of several providers. */
class ReportsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"EKS", "AKS", "K3S", "OPENSHIFT"})
    void reportsHeartbeatsInventoryAndEvents(Provider provider) {
        try (AgentHarness h = AgentHarness.start(provider, Mode.READ_ONLY, 3, 12)) {
            Agent agent = h.startAgent();

            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() >= 2 && h.platform.lastInventory() != null
                    && !h.platform.eventBatches.isEmpty());

            assertThat(h.platform.heartbeats).allSatisfy(hb -> {
                assertThat(hb.agentVersion()).isEqualTo("0.1.0-test");
                assertThat(hb.permissions()).isEqualTo("read-only");
            });
            Inventory inventory = h.platform.lastInventory().inventory();
            assertThat(inventory.kubernetesVersion()).isEqualTo(h.cluster.gitVersion());
            assertThat(inventory.detectedProvider()).isEqualTo(provider.cloudType());
            assertThat(inventory.detectedPlatform()).isEqualTo(provider.platform());
            assertThat(inventory.nodes()).hasSize(h.cluster.nodeCount());
            assertThat(inventory.pods().total()).isEqualTo(h.cluster.podCount());
            assertThat(inventory.metricsAvailable()).isEqualTo(h.cluster.metricsAvailable());
            if (h.cluster.metricsAvailable()) {
                assertThat(inventory.allocations()).anySatisfy(a -> assertThat(a.usage()).isNotNull());
            }
            boolean generic = "generic".equals(provider.cloudType());
            assertThat(inventory.nodes()).allSatisfy(n -> {
                assertThat(n.capacity().cpuMillis()).isPositive();
                assertThat(n.conditions()).anySatisfy(c -> assertThat(c.type()).isEqualTo("Ready"));
                if (generic) {
                    assertThat(n.providerId()).isNull();
                    assertThat(n.instanceType()).isNull();
                }
            });
            if (!generic) {
                assertThat(inventory.nodes()).anySatisfy(n -> assertThat(n.instanceType()).isNotNull());
            }
            assertThat(inventory.namespaces()).extracting(n -> n.name()).containsAll(h.cluster.applicationNamespaces());
            assertThat(inventory.workloads()).extracting(Workload::kind).contains("Deployment", "DaemonSet");
            assertThat(inventory.allocations().stream().mapToInt(a -> a.pods()).sum()).isEqualTo(inventory.pods().running());

            List<ClusterEvent> events = h.platform.eventBatches.stream().flatMap(b -> b.events().stream()).toList();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.type()).isIn("Normal", "Warning");
                assertThat(e.reason()).isNotBlank();
                assertThat(e.objectKind()).isNotBlank();
            });
            assertThat(h.cluster.writeRequests()).isEmpty();
            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"GKE"})
    void sendsTheInventoryAgainWhenTheClusterChangesAndNewEventsInOrder(Provider provider) {
        try (AgentHarness h = AgentHarness.start(provider, Mode.READ_ONLY, 3, 12)) {
            h.startAgent();
            await().atMost(WAIT).until(() -> h.platform.lastInventory() != null && !h.platform.eventBatches.isEmpty());
            int before = h.platform.inventories.size();
            String node = h.cluster.nodeNames().get(0);

            h.cluster.nodeNotReady(node);

            await().atMost(WAIT).until(() -> h.platform.inventories.size() > before && notReady(h.platform.lastInventory(), node));

            List<String> burst = h.cluster.warningBurst(8).stream().map(e -> e.getMetadata().getUid()).toList();
            await().atMost(WAIT).until(() -> h.platform.eventUidsInOrder().containsAll(burst));
            List<String> received = h.platform.eventUidsInOrder().stream().filter(burst::contains).toList();
            assertThat(received).containsExactlyElementsOf(burst);
            Set<String> unique = h.platform.eventUidsInOrder().stream().collect(Collectors.toSet());
            assertThat(unique).hasSameSizeAs(h.platform.eventUidsInOrder());
        }
    }

    private static boolean notReady(InventoryReport report, String node) {
        return report.inventory().nodes().stream().anyMatch(n -> n.name().equals(node)
                && n.conditions().stream().anyMatch(c -> c.type().equals("Ready") && c.status().equals("False")));
    }
}
