package io.mooring.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes Mooring events to the JVM's broker exactly as a service's outbox relay does (binary-mode
 * CloudEvents keyed by cluster id), so a test can play the registry or health-service for the service it tests.
 */
public final class EventPublisher {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private EventPublisher() {
    }

    /** Publishes the event with a new id; returns the id. */
    public static UUID publish(MooringEvent event) {
        return publish(event, UUID.randomUUID(), "registry-service");
    }

    /** Publishes the event with the given id (the same id twice is a redelivery); returns the id. */
    public static UUID publish(MooringEvent event, UUID eventId) {
        return publish(event, eventId, "registry-service");
    }

    public static synchronized UUID publish(MooringEvent event, UUID eventId, String source) {
        EventType type = EventType.of(event);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), event.clusterId().toString(),
                    JSON.writeValueAsString(event));
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.ID, eventId.toString());
            header(record, CloudEventHeaders.TYPE, type.type());
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.SUBJECT, event.clusterId().toString());
            header(record, CloudEventHeaders.TIME, event.occurredAt().toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            producer().send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    /** The JSON the services exchange, for tests that build payloads by hand. */
    public static ObjectMapper json() {
        return JSON;
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
