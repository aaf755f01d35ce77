package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.support.outbox.OutboxRelay;
import io.mooring.testsupport.Tokens;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {

    private static TopicReader lifecycle;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    private final String operator = Tokens.shared().operator("test");

    @BeforeAll
    static void readLifecycle() {
        lifecycle = TopicReader.of(Topics.CLUSTER_LIFECYCLE);
    }

    @AfterAll
    static void close() {
        lifecycle.close();
    }

    @AfterEach
    void relayRuns() {
        relay.resume();
    }

    @Test
    void stateChangeAndItsEventArePublishedAsACloudEvent() {
        UUID cluster = UUID.randomUUID();
        create(cluster, "alpha", 1, 200);

        ConsumerRecord<String, String> record = lifecycle.awaitOne(cluster.toString(),
                EventType.CLUSTER_IMPORTED.type());
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("support-test");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(cluster.toString());
        assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
        assertThat(TopicReader.header(record, "ce_time")).isNotBlank();
        // No OTLP endpoint is configured, so tracing is off: no trace context is sent.
        assertThat(TopicReader.header(record, "ce_traceparent")).isNull();
        assertThat(record.value()).contains("\"clusterId\":\"" + cluster + "\"").contains("\"name\":\"alpha-1\"");
    }

    @Test
    void aFailedTransactionLeavesNeitherStateNorEvent() {
        UUID cluster = UUID.randomUUID();
        create(cluster, "explode", 1, 422);
        create(cluster, "after", 2, 200);

        // The later event is published; the rolled-back one never is, and its row never existed.
        lifecycle.awaitOne(cluster.toString(), EventType.CLUSTER_IMPORTED.type());
        assertThat(lifecycle.readNow(r -> cluster.toString().equals(r.key()))).hasSize(1)
                .allSatisfy(r -> assertThat(r.value()).contains("after-2"));
        assertThat(count("select count(*) from widget where cluster_id = $1", cluster)).isEqualTo(1);
        assertThat(count("select count(*) from mooring_outbox where record_key = $1", cluster.toString()))
                .isEqualTo(1);
    }

    @Test
    void eventsOfOneClusterArePublishedInCommitOrder() {
        UUID cluster = UUID.randomUUID();
        for (int seq = 0; seq < 30; seq++) {
            create(cluster, "ordered", seq, 200);
        }
        List<ConsumerRecord<String, String>> records = lifecycle.await(r -> cluster.toString().equals(r.key()), 30,
                Duration.ofSeconds(30));
        for (int seq = 0; seq < 30; seq++) {
            assertThat(records.get(seq).value()).contains("\"name\":\"ordered-" + seq + "\"");
        }
    }

    @Test
    void eventsCommittedWhileTheRelayIsStoppedArePublishedWhenItResumes() {
        relay.pause();
        UUID cluster = UUID.randomUUID();
        for (int seq = 0; seq < 5; seq++) {
            create(cluster, "paused", seq, 200);
        }
        assertThat(count("select count(*) from mooring_outbox where record_key = $1 and published_at is null",
                cluster.toString())).isEqualTo(5);
        assertThat(lifecycle.readNow(r -> cluster.toString().equals(r.key()))).isEmpty();

        relay.resume();

        List<ConsumerRecord<String, String>> records = lifecycle.await(r -> cluster.toString().equals(r.key()), 5,
                Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::value)
                .satisfiesExactly(
                        v -> assertThat(v).contains("paused-0"), v -> assertThat(v).contains("paused-1"),
                        v -> assertThat(v).contains("paused-2"), v -> assertThat(v).contains("paused-3"),
                        v -> assertThat(v).contains("paused-4"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from mooring_outbox where record_key = $1 and published_at is null",
                cluster.toString()) == 0);
    }

    @Test
    void anEventKafkaRefusesForGoodIsSetAsideAndDoesNotBlockTheOnesBehindIt() {
        UUID cluster = UUID.randomUUID();
        given().auth().oauth2(operator).contentType("application/json")
                .body(Map.of("clusterId", cluster.toString(), "name", "huge", "seq", 0,
                        "labels", Map.of("blob", "x".repeat(50_000))))
                .post("/api/v1/widgets").then().statusCode(200);
        create(cluster, "after-huge", 1, 200);

        ConsumerRecord<String, String> next = lifecycle.awaitOne(cluster.toString(), EventType.CLUSTER_IMPORTED.type());
        assertThat(next.value()).contains("after-huge-1");
        assertThat(count("select count(*) from mooring_outbox where record_key = $1 and dead_at is not null"
                + " and last_error like 'RecordTooLarge%'", cluster.toString())).isEqualTo(1);
    }

    private void create(UUID cluster, String name, int seq, int status) {
        given().auth().oauth2(operator)
                .contentType("application/json")
                .body(Map.of("clusterId", cluster.toString(), "name", name, "seq", seq))
                .post("/api/v1/widgets")
                .then().statusCode(status);
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
