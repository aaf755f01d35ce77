package io.mooring.support;

import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Lifecycle records as the registry would publish them, and a way to send them to the shared broker. */
final class ConsumerEvents {

    private ConsumerEvents() {
    }

    static ProducerRecord<String, String> imported(UUID cluster, UUID eventId) {
        return imported(cluster, eventId, "dup");
    }

    static ProducerRecord<String, String> imported(UUID cluster, UUID eventId, String name) {
        String payload = """
                {"clusterId":"%s","project":"test","name":"%s","cloudType":"generic","importMode":"read-only",
                 "labels":{},"importedBy":"test","occurredAt":"%s"}""".formatted(cluster, name, Instant.now());
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

    static void send(List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
