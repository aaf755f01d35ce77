package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.mooring.agent.support.AgentHarness;
import io.mooring.events.inventory.Workload;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The platform goes away and comes back: events within the buffer all arrive, in order; beyond it the oldest are
 * dropped and counted; only the latest inventory is sent; the agent's buffer never grows past its capacity.
 */
class PlatformOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int CAPACITY = 40;
    private static final int BATCH = 10;

    @Test
    void nothingWithinTheBufferIsLostAndOrderIsKept() {
        try (AgentHarness h = AgentHarness.start(Provider.KUBEADM, Mode.READ_ONLY, 3, 10)) {
            Agent agent = h.startAgent(s -> s.eventBufferSize(CAPACITY).eventBatchSize(BATCH));
            awaitQuiet(h, agent);
            long offered = agent.eventBuffer().offeredTotal();

            h.platform.down();
            List<String> burst = uids(h.cluster.warningBurst(25));
            await().atMost(WAIT).until(() -> agent.eventBuffer().offeredTotal() >= offered + 25);
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().stream().anyMatch(l -> l.startsWith("events")));
            h.platform.up();

            await().atMost(WAIT).until(() -> h.platform.eventUidsInOrder().containsAll(burst));
            assertThat(h.platform.eventUidsInOrder().stream().filter(burst::contains).toList()).containsExactlyElementsOf(burst);
            assertThat(h.platform.droppedReported()).isZero();
            assertThat(agent.snapshot().eventsDropped()).isZero();
            assertThat(h.cluster.writeRequests()).isEmpty();
        }
    }

    @Test
    void beyondTheBufferTheOldestAreDroppedCountedAndTheRestArriveInOrder() {
        try (AgentHarness h = AgentHarness.start(Provider.KUBEADM, Mode.READ_ONLY, 3, 10)) {
            Agent agent = h.startAgent(s -> s.eventBufferSize(CAPACITY).eventBatchSize(BATCH));
            awaitQuiet(h, agent);
            long offered = agent.eventBuffer().offeredTotal();
            int batchesBefore = h.platform.eventBatches.size();
            AtomicInteger largest = new AtomicInteger();

            h.platform.down();
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                burst.addAll(uids(h.cluster.warningBurst(30)));
                largest.accumulateAndGet(agent.eventBuffer().size(), Math::max);
            }
            await().atMost(WAIT).until(() -> {
                largest.accumulateAndGet(agent.eventBuffer().size(), Math::max);
                return agent.eventBuffer().offeredTotal() >= offered + burst.size();
            });
            h.platform.up();

            await().atMost(WAIT).until(() -> agent.eventBuffer().size() == 0 && h.platform.droppedReported() > 0
                    && h.platform.eventUidsInOrder().contains(burst.get(burst.size() - 1)));
            List<String> received = h.platform.eventUidsInOrder().stream().filter(burst::contains).toList();
            long dropped = h.platform.eventBatches.subList(batchesBefore, h.platform.eventBatches.size()).stream()
                    .mapToLong(b -> b.dropped()).sum();

            assertThat(received.size() + dropped).as("every event arrived or was counted").isEqualTo(burst.size());
            assertThat(received.size()).isLessThanOrEqualTo(CAPACITY + BATCH);
            assertThat(burst).containsSubsequence(received);
            assertThat(received).as("the newest are kept").endsWith(burst.get(burst.size() - 1));
            assertThat(largest.get()).isLessThanOrEqualTo(CAPACITY);
            assertThat(agent.snapshot().eventsDropped()).isEqualTo(dropped);
        }
    }

    @Test
    void onlyTheLatestInventoryIsSentOnceThePlatformIsBack() {
        try (AgentHarness h = AgentHarness.start(Provider.KUBEADM, Mode.READ_ONLY, 3, 10)) {
            Agent agent = h.startAgent();
            awaitQuiet(h, agent);
            int inventories = h.platform.inventories.size();

            String namespace = h.cluster.applicationNamespaces().get(0);
            String name = h.cluster.client().apps().deployments().inNamespace(namespace).list().getItems().get(0).getMetadata().getName();
            h.platform.failWith(503);
            h.cluster.scaleWorkload(namespace, name, 5);
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().stream().anyMatch(l -> l.startsWith("inventory")));
            h.cluster.scaleWorkload(namespace, name, 7);
            Instant scaled = Instant.now();
            // The agent collects again after the change; the pending inventory of 5 replicas is replaced, not queued.
            await().atMost(WAIT).until(() -> agent.snapshot().lastCollection() != null && agent.snapshot().lastCollection().isAfter(scaled));
            h.platform.failWith(0);

            await().atMost(WAIT).until(() -> h.platform.inventories.size() > inventories && desired(h, name) == 7);
            assertThat(h.platform.inventories.subList(inventories, h.platform.inventories.size()))
                    .as("the inventory of 5 replicas was replaced before it could be sent")
                    .noneSatisfy(r -> assertThat(r.inventory().workloads()).anySatisfy(w -> {
                        assertThat(w.name()).isEqualTo(name);
                        assertThat(w.desired()).isEqualTo(5);
                    }));
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().isEmpty());
        }
    }

    @Test
    void aPlatformThatCannotReadGzipGetsPlainReports() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.acceptGzip(false);
            Agent agent = h.startAgent(s -> s.gzip(true));

            await().atMost(WAIT).until(() -> h.platform.lastInventory() != null && !h.platform.eventBatches.isEmpty());

            // Whichever report went first (the inventory, or an event batch on a slow machine) was refused
            // compressed (two at once, if they crossed); from then on every report, the inventory included, went plain.
            assertThat(h.platform.gzipRefused).isNotEmpty().allSatisfy(path -> assertThat(path).isIn(
                    "/api/v1/agent/reports/inventory", "/api/v1/agent/reports/events"));
            assertThat(agent.platform().gzip()).isFalse();
        }
    }

    private static void awaitQuiet(AgentHarness h, Agent agent) {
        await().atMost(WAIT).until(() -> h.platform.lastInventory() != null && !h.platform.eventBatches.isEmpty()
                && agent.eventBuffer().size() == 0 && agent.snapshot().failingLoops().isEmpty());
    }

    private static int desired(AgentHarness h, String name) {
        return h.platform.lastInventory().inventory().workloads().stream().filter(w -> w.name().equals(name)).mapToInt(Workload::desired)
                .findFirst().orElse(-1);
    }

    private static List<String> uids(List<Event> events) {
        return events.stream().map(e -> e.getMetadata().getUid()).toList();
    }
}
