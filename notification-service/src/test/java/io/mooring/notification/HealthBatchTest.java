package io.mooring.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.CloudEventHeaders;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterHealthChanged.CheckResult;
import io.mooring.notification.messaging.EventConsumers;
import io.mooring.testsupport.ConnectorContext;
import io.mooring.testsupport.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Health changes handed to the health channel as one poll (it consumes in batches, decision 0035): one cluster's
 * changes in a poll are judged one after the other, as when they arrive apart, and a redelivered poll raises nothing
 * twice. The broker decides what lands in one poll, so these tests hand the poll over themselves.
 */
@QuarkusTest
class HealthBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);

    @Inject
    EventConsumers consumers;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Test
    void aClusterFlappingWithinOnePollIsToldOnceAndItsFinalStateAfterTheQuietPeriod() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "health", "PT2S");

            List<ConsumerRecord<String, String>> poll = new ArrayList<>();
            Instant at = Instant.now();
            String[] states = {"Healthy", "Degraded", "Healthy", "Degraded", "Healthy"};
            for (int i = 1; i < states.length; i++) {
                poll.add(received(change(cluster, project, states[i - 1], states[i], at.plusSeconds(i)),
                        UUID.randomUUID()));
            }
            poll.add(2, poll.get(1)); // the same event twice in one poll
            handle(poll);

            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 2);
            assertThat(receiver.delivered()).extracting(r -> r.json().get("data").get("condition").asText())
                    .containsExactly("Degraded", "Healthy");
            assertThat(receiver.delivered().get(1).json().get("data").get("previous").asText())
                    .isEqualTo("Degraded");
        }
    }

    @Test
    void aPollOfSeveralClustersRaisesEachClustersChangesInOrderAndARedeliveredPollRaisesNothingAgain()
            throws Exception {
        String project = Alerts.project();
        UUID first = Alerts.cluster(project, pool);
        UUID second = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "health", "PT0S");

            Instant at = Instant.now();
            List<ConsumerRecord<String, String>> poll = List.of(
                    received(change(first, project, "Healthy", "Degraded", at), UUID.randomUUID()),
                    received(change(second, project, "Healthy", "Unhealthy", at), UUID.randomUUID()),
                    received(change(first, project, "Degraded", "Unhealthy", at.plusSeconds(30)), UUID.randomUUID()),
                    received(change(first, project, "Unhealthy", "Healthy", at.plusSeconds(60)), UUID.randomUUID()),
                    received(change(second, project, "Unhealthy", "Healthy", at.plusSeconds(60)), UUID.randomUUID()));
            handle(poll);
            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 5);

            handle(poll); // redelivered whole, as after a rebalance before the offsets were committed

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 5);
            assertThat(conditions(receiver, first)).containsExactly("Degraded", "Unhealthy", "Healthy");
            assertThat(conditions(receiver, second)).containsExactly("Unhealthy", "Healthy");
            assertThat(pool.preparedQuery("select count(*) from mooring_processed_event where event_id = any($1)")
                    .execute(Tuple.of(poll.stream().map(HealthBatchTest::eventId).toArray(UUID[]::new)))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0)).isEqualTo(5);
        }
    }

    private static List<String> conditions(Receiver receiver, UUID cluster) {
        return receiver.delivered().stream().map(Receiver.Request::json)
                .filter(json -> json.get("subject").asText().equals(cluster.toString()))
                .map(json -> json.get("data").get("condition").asText()).toList();
    }

    private static ClusterHealthChanged change(UUID cluster, String project, String from, String to, Instant at) {
        return new ClusterHealthChanged(cluster, project, from, to, "Connected", List.of(new CheckResult(
                "node-readiness", "Healthy".equals(to) ? "pass" : "warn", "nodes")), at);
    }

    private static ConsumerRecord<String, String> received(MooringEvent event, UUID eventId) {
        return EventPublisher.received(event, eventId, "health-service", OFFSETS.incrementAndGet());
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        byte[] id = record.headers().lastHeader(CloudEventHeaders.ID).value();
        return UUID.fromString(new String(id, StandardCharsets.UTF_8));
    }

    /** Hands the poll to the channel's method as the Kafka connector does: on a duplicated context of its own. */
    private void handle(List<ConsumerRecord<String, String>> poll) throws Exception {
        ConsumerRecords<String, String> records = new ConsumerRecords<>(
                Map.of(new TopicPartition(poll.get(0).topic(), 0), poll), Map.of());
        ConnectorContext.run(vertx, () -> consumers.health(records));
    }
}
