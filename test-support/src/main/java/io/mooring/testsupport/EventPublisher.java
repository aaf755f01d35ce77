package io.mooring.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
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
            describe(record.headers(), event, eventId, source);
            producer().send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
    }

    /**
     * The event as a consumer receives it from partition 0 of its topic at {@code offset}, with the headers
     * {@link #publish} gives it: for tests that hand a batch channel's poll to a consumer themselves, so what lands
     * in one poll is the test's choice rather than the broker's timing.
     */
    public static ConsumerRecord<String, String> received(MooringEvent event, UUID eventId, String source,
            long offset) {
        try {
            ConsumerRecord<String, String> record = new ConsumerRecord<>(EventType.of(event).topic(), 0, offset,
                    event.clusterId().toString(), JSON.writeValueAsString(event));
            describe(record.headers(), event, eventId, source);
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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

    /** Binary-mode CloudEvents attributes, as the outbox relay writes them. */
    private static void describe(Headers headers, MooringEvent event, UUID eventId, String source) {
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, eventId.toString());
        header(headers, CloudEventHeaders.TYPE, EventType.of(event).type());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.SUBJECT, event.clusterId().toString());
        header(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
