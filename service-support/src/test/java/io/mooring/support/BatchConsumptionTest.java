package io.mooring.support;

import static io.mooring.support.ConsumerEvents.imported;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.clusters.ClusterEntry;
import io.mooring.support.clusters.ClusterReactions;
import io.mooring.support.messaging.IdempotentConsumer;
import io.mooring.support.testapp.ImportedCounter;
import io.mooring.testsupport.ConnectorContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A batch channel's poll handed to the idempotent consumer as the connector hands it over: one transaction, each
 * event once, in order, and a bad record parked alone.
 */
@QuarkusTest
class BatchConsumptionTest {

    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ClusterDirectory directory;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void aBatchTakesEachEventOnceInOrderAndARedeliveredBatchChangesNothing() throws Throwable {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ClusterReactions reactions = change -> {
            seen.add(change.kind() + " " + change.entry().name());
            return Uni.createFrom().voidItem();
        };
        String name = "batch-directory-" + UUID.randomUUID();
        consumer.register(name, directory.handler(reactions), directory.batchHandler(reactions));
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID importA = UUID.randomUUID();
        List<ConsumerRecord<String, String>> batch = List.of(
                received(imported(a, importA, "a")),
                received(imported(b, UUID.randomUUID(), "b")),
                received(imported(a, importA, "a")), // the same event again in the same poll
                received(deleted(a)),
                received(imported(a, UUID.randomUUID(), "a-again"))); // a replay after the deletion

        handle(name, batch);

        assertThat(seen).containsExactly("CREATED a", "CREATED b", "DELETED a", "IGNORED a");
        ClusterEntry stored = VertxContextSupport.subscribeAndAwait(() -> directory.find(a));
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.name()).isEqualTo("a");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> directory.find(b)).deleted()).isFalse();
        assertThat(count("select count(*) from mooring_processed_event where consumer = $1", name)).isEqualTo(4);

        seen.clear();
        handle(name, batch);
        assertThat(seen).isEmpty();
    }

    @Test
    void aRecordThatCanNeverBeHandledIsParkedAloneAndTheRestOfItsBatchIsHandled() throws Exception {
        UUID cluster = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ProducerRecord<String, String> garbled = imported(other, UUID.randomUUID());
        List<ConsumerRecord<String, String>> batch = List.of(
                received(imported(cluster, UUID.randomUUID(), "before")),
                received(imported(cluster, poison, "poison")),
                received(new ProducerRecord<>(garbled.topic(), null, garbled.key(), "{\"clusterId\": 4",
                        garbled.headers())),
                received(imported(cluster, UUID.randomUUID(), "after")),
                received(imported(other, UUID.randomUUID(), "other")));

        handle(ImportedCounter.NAME, batch);

        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(2);
        assertThat(count("select times from imported_seen where cluster_id = $1", other)).isEqualTo(1);
        assertThat(count("select count(*) from mooring_dead_letter where record_key = $1", cluster.toString()))
                .isEqualTo(1);
        assertThat(count("select count(*) from mooring_dead_letter where event_id = $1", poison)).isEqualTo(1);
        assertThat(count("select count(*) from mooring_dead_letter where record_key = $1", other.toString()))
                .isEqualTo(1);
    }

    /** Runs the batch as the Kafka connector does: on a duplicated context of its own. */
    private void handle(String name, List<ConsumerRecord<String, String>> batch) throws Exception {
        ConnectorContext.run(vertx, () -> consumer.handleBatch(name, batch));
    }

    private ProducerRecord<String, String> deleted(UUID cluster) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                json.writeValueAsString(new ClusterDeleted(cluster, "test", false, "test", Instant.now())));
        record.headers().add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        record.headers().add(CloudEventHeaders.TYPE, bytes(EventType.CLUSTER_DELETED.type()));
        record.headers().add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        return record;
    }

    private static ConsumerRecord<String, String> received(ProducerRecord<String, String> sent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(sent.topic(), 0, OFFSETS.incrementAndGet(),
                sent.key(), sent.value());
        for (Header header : sent.headers()) {
            record.headers().add(header);
        }
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private long count(String sql, Object parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0;
    }
}
