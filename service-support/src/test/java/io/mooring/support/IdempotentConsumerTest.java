package io.mooring.support;

import static io.mooring.support.ConsumerEvents.imported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.Topics;
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

@QuarkusTest
class IdempotentConsumerTest {

    @Inject
    Pool pool;

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        UUID cluster = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ConsumerEvents.send(List.of(imported(cluster, first), imported(cluster, first), imported(cluster, second)));

        // Same key, same partition: once the second event is recorded, the duplicate before it was handled too.
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", second) == 1);
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(2);
    }

    @Test
    void recordsThatCanNeverBeHandledAreParkedWithTheirErrorAndTheNextOnesAreStillHandled() throws Exception {
        UUID cluster = UUID.randomUUID();
        UUID garbledId = UUID.randomUUID();
        UUID valid = UUID.randomUUID();
        ProducerRecord<String, String> garbled = imported(cluster, garbledId);
        ConsumerEvents.send(List.of(
                new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "not json"),
                new ProducerRecord<>(garbled.topic(), null, garbled.key(), "{\"clusterId\": 42", garbled.headers()),
                imported(cluster, valid)));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", valid) == 1);
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(1);
        var parked = pool.preparedQuery("""
                select consumer, record_value, event_id, error, headers::text as headers from mooring_dead_letter
                where record_key = $1 order by record_offset""")
                .execute(Tuple.of(cluster.toString())).await().atMost(Duration.ofSeconds(5));
        List<String> rows = new ArrayList<>();
        parked.forEach(row -> rows.add(row.getString("consumer") + " | " + row.getString("record_value") + " | "
                + row.getUUID("event_id") + " | " + row.getString("error") + " | " + row.getString("headers")));
        assertThat(rows).satisfiesExactly(
                notCloudEvent -> assertThat(notCloudEvent).startsWith("imported-counter | not json | null | ")
                        .contains("Not a Mooring CloudEvent"),
                unreadable -> assertThat(unreadable).startsWith("imported-counter | {\"clusterId\": 42 | " + garbledId)
                        .contains("unreadable data").contains("ce_type"));
    }

    private long count(String sql, UUID parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0;
    }
}
