package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.testsupport.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(imported(cluster, first)).get();
            producer.send(imported(cluster, first)).get();
            producer.send(imported(cluster, second)).get();
        }

        // Same key, same partition: once the second event is recorded, the duplicate before it was handled too.
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", second) == 1);
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(2);
    }

    @Test
    void aRecordThatIsNotACloudEventIsSkippedWithoutBlockingTheNextOnes() throws Exception {
        UUID cluster = UUID.randomUUID();
        UUID valid = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "not json")).get();
            ProducerRecord<String, String> garbled = imported(cluster, UUID.randomUUID());
            garbled = new ProducerRecord<>(garbled.topic(), null, garbled.key(), "{\"clusterId\": 42", garbled.headers());
            producer.send(garbled).get();
            producer.send(imported(cluster, valid)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", valid) == 1);
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(1);
    }

    private static ProducerRecord<String, String> imported(UUID cluster, UUID eventId) {
        String payload = """
                {"clusterId":"%s","project":"test","name":"dup","cloudType":"generic","importMode":"read-only",
                 "labels":{},"importedBy":"test","occurredAt":"%s"}""".formatted(cluster, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                payload);
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(eventId.toString()));
        record.headers().add("ce_type", bytes(EventType.CLUSTER_IMPORTED.type()));
        record.headers().add("ce_source", bytes("test"));
        record.headers().add("ce_subject", bytes(cluster.toString()));
        record.headers().add("ce_time", bytes(Instant.now().toString()));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private long count(String sql, UUID parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0;
    }
}
