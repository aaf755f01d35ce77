package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.platform.PlatformClient;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.agent.support.AgentHarness;
import io.mooring.agent.support.FakePlatform;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.InventoryReport;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A platform that answers 429 with Retry-After is left alone that long by the kind of call it refused, even while
 * the agent's other calls succeed (which otherwise wake a failing loop at once), and what it refused is sent again
 * unchanged: nothing lost, nothing duplicated.
 */
class RetryAfterTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RETRY_AFTER = 3;

    @Test
    void throttledEventsWaitRetryAfterAndTheSameBatchIsSentAgain() throws Exception {
        try (AgentHarness h = AgentHarness.start(Provider.KUBEADM, Mode.READ_ONLY, 3, 10)) {
            Agent agent = h.startAgent(s -> s.eventBatchSize(100));
            awaitQuiet(h, agent);
            int batchesBefore = h.platform.eventBatches.size();
            int heartbeatsBefore = h.platform.heartbeats.size();

            h.platform.throttle(PlatformClient.EVENTS, 1, RETRY_AFTER);
            List<String> burst = h.cluster.warningBurst(5).stream().map(e -> e.getMetadata().getUid()).toList();
            await().atMost(WAIT).until(() -> !h.platform.throttled.isEmpty());
            await().atMost(WAIT).until(() -> h.platform.eventUidsInOrder().containsAll(burst));

            FakePlatform.Throttled refused = h.platform.throttled.get(0);
            EventBatch refusedBatch = PlatformJson.mapper().readValue(refused.body(), EventBatch.class);
            Instant resent = nextArrival(h.platform, PlatformClient.EVENTS, refused.at());
            assertThat(Duration.between(refused.at(), resent))
                    .as("the events loop waited the Retry-After")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER).minusMillis(100));
            assertThat(h.platform.heartbeats.size()).as("heartbeats went on meanwhile").isGreaterThan(heartbeatsBefore + 2);

            List<EventBatch> accepted = h.platform.eventBatches.subList(batchesBefore, h.platform.eventBatches.size());
            assertThat(accepted.get(0).reportId()).as("the refused batch itself was sent again").isEqualTo(refusedBatch.reportId());
            assertThat(accepted.get(0).events()).isEqualTo(refusedBatch.events());
            assertThat(h.platform.eventUidsInOrder().stream().filter(burst::contains).toList())
                    .as("every event once, in order").containsExactlyElementsOf(burst);
            assertThat(agent.snapshot().eventsDropped()).isZero();
        }
    }

    @Test
    void aThrottledInventoryWaitsRetryAfterAndIsThenDelivered() throws Exception {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.throttle(PlatformClient.INVENTORY, 1, RETRY_AFTER);
            Agent agent = h.startAgent();

            await().atMost(WAIT).until(() -> h.platform.lastInventory() != null);

            FakePlatform.Throttled refused = h.platform.throttled.get(0);
            InventoryReport refusedReport = PlatformJson.mapper().readValue(refused.body(), InventoryReport.class);
            Instant resent = nextArrival(h.platform, PlatformClient.INVENTORY, refused.at());
            assertThat(Duration.between(refused.at(), resent)).isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER).minusMillis(100));
            // The refused inventory stays pending; a newer collection may replace it (only the latest is kept), never an older.
            assertThat(h.platform.inventories.get(0).observedAt()).isAfterOrEqualTo(refusedReport.observedAt());
            // The agent counts a report once the platform has answered it, a moment after the platform recorded it.
            await().atMost(WAIT).untilAsserted(() -> assertThat(agent.snapshot().inventoriesSent()).isGreaterThanOrEqualTo(1));
        }
    }

    @Test
    void anAgentWhoseClusterIsNotKnownYetComesBackAfterRetryAfterNotAtOnce() throws Exception {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.notKnownYet(PlatformClient.HEARTBEAT, 2, RETRY_AFTER);
            Agent agent = h.startAgent();

            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());

            List<Instant> tries = h.platform.arrivals.stream().filter(a -> a.path().equals(PlatformClient.HEARTBEAT))
                    .map(FakePlatform.Arrival::at).toList();
            assertThat(tries).as("two refused, then accepted").hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < 3; i++) {
                assertThat(Duration.between(tries.get(i - 1), tries.get(i)))
                        .as("try %d waited the Retry-After", i + 1)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER).minusMillis(100));
            }
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().isEmpty());
        }
    }

    private static Instant nextArrival(FakePlatform platform, String path, Instant after) {
        return platform.arrivals.stream().filter(a -> a.path().equals(path) && a.at().isAfter(after))
                .map(FakePlatform.Arrival::at).findFirst().orElseThrow();
    }

    private static void awaitQuiet(AgentHarness h, Agent agent) {
        await().atMost(WAIT).until(() -> h.platform.lastInventory() != null && !h.platform.eventBatches.isEmpty()
                && agent.eventBuffer().size() == 0 && agent.snapshot().failingLoops().isEmpty());
    }
}
