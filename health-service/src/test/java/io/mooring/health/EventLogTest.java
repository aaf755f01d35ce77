package io.mooring.health;

import static io.mooring.health.Clusters.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.health.domain.EventFolder;
import io.mooring.health.repository.EventRepository;
import io.mooring.health.service.EventLogService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deduplicated event log: dedupe, filters, cursor pagination, retention. */
@QuarkusTest
class EventLogTest {

    @Inject
    EventLogService events;

    @Inject
    EventRepository repository;

    @Test
    void eventsOfTheSameObjectAndReasonAreOneEntryWithACount() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        ClusterEvent first = new ClusterEvent("uid-1", "Warning", "BackOff", "Back-off restarting", "shop", "Pod",
                "cart-7", "kubelet", 3, t.minusSeconds(300), t.minusSeconds(60));
        ClusterEvent again = new ClusterEvent("uid-1", "Warning", "BackOff", "Back-off restarting again", "shop", "Pod",
                "cart-7", "kubelet", 5, t.minusSeconds(300), t);
        ClusterEvent other = new ClusterEvent("uid-2", "Normal", "Pulled", "Pulled image", "shop", "Pod", "cart-7",
                "kubelet", 1, t, t);

        Clusters.post(id, "events", Reports.batch(first, other)).then().statusCode(200)
                .body("accepted", equalTo(2)).body("entries", equalTo(2)).body("duplicate", equalTo(false));
        EventBatch second = Reports.batch(again);
        Clusters.post(id, "events", second).then().statusCode(200).body("entries", equalTo(1));
        // The same batch again (the agent retried after a timeout): nothing changes.
        Clusters.post(id, "events", second).then().statusCode(200).body("duplicate", equalTo(true));

        admin("/api/v1/clusters/{id}/events?reason=BackOff", id).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].count", equalTo(5))
                .body("items[0].message", equalTo("Back-off restarting again"))
                .body("items[0].firstSeen", equalTo(t.minusSeconds(300).toString()))
                .body("items[0].lastSeen", equalTo(t.toString()));
        admin("/api/v1/clusters/{id}/events", id).then().body("items", hasSize(2));
    }

    @Test
    void batchesWrittenTogetherCountOnceEachAndFoldInTheirOrder() {
        UUID a = Clusters.imported("ev-" + UUID.randomUUID());
        UUID b = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        ClusterEvent first = new ClusterEvent("uid-a1", "Warning", "BackOff", "first", "shop", "Pod", "cart-7",
                "kubelet", 2, t.minusSeconds(300), t.minusSeconds(60));
        ClusterEvent later = new ClusterEvent("uid-a2", "Warning", "BackOff", "later", "shop", "Pod", "cart-7",
                "kubelet", 3, t.minusSeconds(30), t);
        ClusterEvent onB = Reports.event("Normal", "Pulled", "web", "Pod", "web-1", 1, t);
        UUID resent = UUID.randomUUID();
        Map<EventRepository.BatchWrite, List<ClusterEvent>> eventsOf = new IdentityHashMap<>();
        List<EventRepository.BatchWrite> group = List.of(
                write(eventsOf, a, resent, first),
                write(eventsOf, b, UUID.randomUUID(), onB),
                write(eventsOf, a, UUID.randomUUID(), later),
                write(eventsOf, a, resent, first),
                write(eventsOf, UUID.randomUUID(), UUID.randomUUID(), onB));

        List<EventRepository.Outcome> outcomes = repository.applyBatches(group, (batch, stored) ->
                EventFolder.fold(stored, eventsOf.get(batch), batch.receivedAt())).await().atMost(Duration.ofSeconds(10));

        assertThat(outcomes).containsExactly(EventRepository.Outcome.APPLIED, EventRepository.Outcome.APPLIED,
                EventRepository.Outcome.APPLIED, EventRepository.Outcome.DUPLICATE,
                EventRepository.Outcome.UNKNOWN_CLUSTER);
        admin("/api/v1/clusters/{id}/events", a).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].count", equalTo(5))
                .body("items[0].message", equalTo("later"))
                .body("items[0].firstSeen", equalTo(t.minusSeconds(300).toString()))
                .body("items[0].lastSeen", equalTo(t.toString()));
        admin("/api/v1/clusters/{id}/events", b).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].reason", equalTo("Pulled"));
    }

    private static EventRepository.BatchWrite write(Map<EventRepository.BatchWrite, List<ClusterEvent>> eventsOf,
            UUID cluster, UUID report, ClusterEvent... events) {
        EventRepository.BatchWrite write = new EventRepository.BatchWrite(cluster, report,
                EventFolder.keysOf(List.of(events)), TestClock.now());
        eventsOf.put(write, List.of(events));
        return write;
    }

    @Test
    void concurrentBatchesOfManyClustersAreAllApplied() throws Exception {
        List<UUID> clusters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clusters.add(Clusters.imported("ev-" + UUID.randomUUID()));
        }
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (UUID cluster : clusters) {
                for (int n = 0; n < 5; n++) {
                    ClusterEvent event = Reports.event("Warning", "BackOff", "shop", "Pod", "cart-" + n, 1, t);
                    answers.add(senders.submit(() -> Clusters.post(cluster, "events", Reports.batch(event)).statusCode()));
                }
            }
            for (var answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }
        for (UUID cluster : clusters) {
            admin("/api/v1/clusters/{id}/events?limit=50", cluster).then().statusCode(200).body("items", hasSize(5));
        }
    }

    @Test
    void filtersNarrowTheLog() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        Clusters.post(id, "events", Reports.batch(
                Reports.event("Warning", "BackOff", "shop", "Pod", "cart-7", 2, t.minusSeconds(3600)),
                Reports.event("Normal", "Scheduled", "shop", "Pod", "cart-7", 1, t.minusSeconds(1800)),
                Reports.event("Warning", "FailedMount", "db", "Pod", "pg-0", 4, t.minusSeconds(600)),
                Reports.event("Normal", "ScalingReplicaSet", "shop", "Deployment", "cart", 1, t),
                Reports.event("Warning", "NodeNotReady", "", "Node", "node-3", 1, t.minusSeconds(60))))
                .then().statusCode(200);

        admin("/api/v1/clusters/{id}/events?type=warning", id).then()
                .body("items.reason", contains("NodeNotReady", "FailedMount", "BackOff"));
        admin("/api/v1/clusters/{id}/events?namespace=shop", id).then()
                .body("items.reason", contains("ScalingReplicaSet", "Scheduled", "BackOff"));
        admin("/api/v1/clusters/{id}/events?objectKind=Pod&objectName=cart-7", id).then()
                .body("items.reason", containsInAnyOrder("Scheduled", "BackOff"));
        admin("/api/v1/clusters/{id}/events?reason=FailedMount", id).then()
                .body("items.objectName", contains("pg-0"));
        admin("/api/v1/clusters/{id}/events?objectKind=Node", id).then()
                .body("items[0].namespace", nullValue()).body("items[0].objectName", equalTo("node-3"));
        admin("/api/v1/clusters/{id}/events?from=" + t.minusSeconds(700) + "&to=" + t.minusSeconds(70), id).then()
                .body("items.reason", contains("NodeNotReady", "FailedMount"));
    }

    @Test
    void pagesVisitEveryEntryOnceNewestFirst() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        List<ClusterEvent> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a lastSeen: the id breaks the tie, the cursor must too.
            batch.add(Reports.event("Warning", "BackOff", "shop", "Pod", "web-" + i, 1, t.minusSeconds(i / 2)));
        }
        Clusters.post(id, "events", Reports.batch(batch)).then().statusCode(200).body("entries", equalTo(25));

        List<String> seen = new ArrayList<>();
        List<String> lastSeen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = admin("/api/v1/clusters/{id}/events?type=Warning&limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor), id).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.objectName"));
            lastSeen.addAll(page.getList("items.lastSeen"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25);
        assertThat(new HashSet<>(seen)).hasSize(25);
        List<Instant> times = lastSeen.stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void anEntrySeenAgainComesFirstThoughItsIndexMarkStayedBehind() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        // "a" is seen four minutes ago, then again half a minute ago: within the mark's lag, so its mark stays at
        // four minutes ago, behind the marks of "b" and "c", which were seen in between.
        for (ClusterEvent event : List.of(Reports.event("Warning", "BackOff", "shop", "Pod", "a", 1, t.minusSeconds(240)),
                Reports.event("Warning", "BackOff", "shop", "Pod", "b", 1, t.minusSeconds(120)),
                Reports.event("Warning", "BackOff", "shop", "Pod", "c", 1, t.minusSeconds(180)),
                Reports.event("Warning", "BackOff", "shop", "Pod", "a", 1, t.minusSeconds(30)))) {
            Clusters.post(id, "events", Reports.batch(event)).then().statusCode(200);
        }

        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            var page = admin("/api/v1/clusters/{id}/events?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), id)
                    .then().statusCode(200).extract().jsonPath();
            order.addAll(page.getList("items.objectName"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && order.size() < 10);
        assertThat(order).containsExactly("a", "b", "c");
        admin("/api/v1/clusters/{id}/events?from=" + t.minusSeconds(60), id).then()
                .body("items.objectName", contains("a"));
        admin("/api/v1/clusters/{id}/events?objectKind=Pod&objectName=a", id).then()
                .body("items.lastSeen", contains(t.minusSeconds(30).toString()));
    }

    @Test
    void aCursorThatWasNotIssuedForThisQueryIsABadRequest() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now();
        Clusters.post(id, "events", Reports.batch(
                Reports.event("Warning", "BackOff", "shop", "Pod", "a", 1, t),
                Reports.event("Warning", "BackOff", "shop", "Pod", "b", 1, t.minusSeconds(1))))
                .then().statusCode(200);
        String cursor = admin("/api/v1/clusters/{id}/events?limit=1", id).jsonPath().getString("nextCursor");

        admin("/api/v1/clusters/{id}/events?limit=1&cursor=" + cursor, id).then().statusCode(200)
                .body("items.objectName", contains("b"));
        admin("/api/v1/clusters/{id}/events?limit=1&type=Warning&cursor=" + cursor, id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        admin("/api/v1/clusters/{id}/events?cursor=not-a-cursor", id).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        UUID other = Clusters.imported("ev-" + UUID.randomUUID());
        admin("/api/v1/clusters/{id}/events?limit=1&cursor=" + cursor, other).then().statusCode(400);
    }

    @Test
    void invalidFiltersAreBadRequestsNamingEachParameter() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());

        admin("/api/v1/clusters/{id}/events?type=Error&namespace=Not_A_Namespace&from=yesterday", id).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("type", "namespace", "from"));
        admin("/api/v1/clusters/{id}/events?limit=501", id).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void retentionRemovesEntriesOlderThanFourteenDaysAndKeepsTheRest() throws Throwable {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant now = TestClock.now();
        Clusters.post(id, "events", Reports.batch(
                Reports.event("Warning", "Ancient", "shop", "Pod", "old", 1, now.minus(Duration.ofDays(15))),
                Reports.event("Warning", "Recent", "shop", "Pod", "new", 1, now.minus(Duration.ofDays(13)))))
                .then().statusCode(200);

        int removed = VertxContextSupport.subscribeAndAwait(() -> events.applyRetention());

        assertThat(removed).isGreaterThanOrEqualTo(1);
        admin("/api/v1/clusters/{id}/events", id).then().body("items.reason", contains("Recent"));
    }

    @Test
    void retentionKeepsAnEntrySeenWithinFourteenDaysThoughItsIndexMarkIsOlder() throws Throwable {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant edge = TestClock.now().minus(Duration.ofDays(14));
        // Seen two minutes before the edge, then two minutes after it: the mark stays before the edge.
        Clusters.post(id, "events", Reports.batch(
                Reports.event("Warning", "BackOff", "shop", "Pod", "lagging", 1, edge.minusSeconds(120))))
                .then().statusCode(200);
        Clusters.post(id, "events", Reports.batch(
                Reports.event("Warning", "BackOff", "shop", "Pod", "lagging", 1, edge.plusSeconds(120))))
                .then().statusCode(200);

        VertxContextSupport.subscribeAndAwait(() -> events.applyRetention());

        admin("/api/v1/clusters/{id}/events", id).then().body("items.objectName", contains("lagging"));
    }

    @Test
    void oneBatchCanCarryThousandsOfEvents() {
        UUID id = Clusters.imported("ev-" + UUID.randomUUID());
        Instant t = TestClock.now();
        List<ClusterEvent> batch = new ArrayList<>();
        Set<String> objects = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            String name = "pod-" + (i % 700);
            objects.add(name);
            batch.add(new ClusterEvent("u-" + i, "Warning", "BackOff", "m", "shop", "Pod", name, "kubelet", 1,
                    t.minusSeconds(i), t.minusSeconds(i)));
        }

        Clusters.post(id, "events", Reports.batch(batch)).then().statusCode(200)
                .body("accepted", equalTo(3000)).body("entries", equalTo(objects.size()));
        admin("/api/v1/clusters/{id}/events?objectName=pod-1", id).then().body("items[0].count", equalTo(5));
    }
}
