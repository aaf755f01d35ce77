package io.mooring.support;

import static io.mooring.support.ConsumerEvents.imported;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The consumer's idempotency table goes away for longer than any fixed number of retries lasts (the old consumer
 * gave up after 8 tries, 15 to 25 s, and its channel stopped for good), then comes back.
 */
@QuarkusTest
class ConsumerDatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aConsumerWaitsOutADatabaseFaultStaysHealthyAndThenHandlesEveryEventOnceWithoutARestart() throws Exception {
        List<UUID> clusters = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID cluster = UUID.randomUUID();
            clusters.add(cluster);
            records.add(imported(cluster, UUID.randomUUID(), "outage-" + i));
        }
        execute("alter table mooring_processed_event rename to mooring_processed_event_away");
        try {
            ConsumerEvents.send(records.subList(0, 3));
            // Nothing gets through while the table is away, and neither probe turns DOWN however long it lasts.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    given().get("/q/health/live").statusCode() == 200
                            && given().get("/q/health/ready").statusCode() == 200
                            && handled(clusters) == 0);
            ConsumerEvents.send(records.subList(3, 6));
        } finally {
            execute("alter table mooring_processed_event_away rename to mooring_processed_event");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> handled(clusters) == clusters.size());
        for (UUID cluster : clusters) {
            assertThat(count("select times from imported_seen where cluster_id = $1", cluster))
                    .as("times %s was counted", cluster).isEqualTo(1);
            assertThat(count("select count(*) from mooring_dead_letter where record_key = $1", cluster.toString()))
                    .isZero();
        }
        given().get("/q/health/live").then().statusCode(200);
        // An event published after the fault still arrives: the channel is alive, not merely reported so.
        UUID after = UUID.randomUUID();
        ConsumerEvents.send(List.of(imported(after, UUID.randomUUID(), "after-outage")));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(List.of(after)) == 1);
    }

    private long handled(List<UUID> clusters) {
        return pool.preparedQuery("select count(*) from imported_seen where cluster_id = any($1)")
                .execute(Tuple.of(clusters.toArray(new UUID[0]))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }

    private long count(String sql, Object parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0;
    }
}
