package io.mooring.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A received binary-mode CloudEvent: its attributes from the record headers, its data still as JSON. */
public record EventEnvelope(UUID id, String type, String source, String subject, Instant time, String data) {

    /** Reads the CloudEvent attributes of a record; empty when it is not a well-formed Mooring CloudEvent. */
    public static Optional<EventEnvelope> from(ConsumerRecord<String, String> record) {
        try {
            String id = header(record, CloudEventHeaders.ID);
            String type = header(record, CloudEventHeaders.TYPE);
            if (id == null || type == null || record.value() == null) {
                return Optional.empty();
            }
            String time = header(record, CloudEventHeaders.TIME);
            return Optional.of(new EventEnvelope(UUID.fromString(id), type, header(record, CloudEventHeaders.SOURCE),
                    header(record, CloudEventHeaders.SUBJECT), time == null ? null : Instant.parse(time),
                    record.value()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<EventType> eventType() {
        return EventType.ofType(type);
    }

    /** The payload as its record, or empty for a type this build does not know (a newer producer). */
    public Optional<MooringEvent> payload(ObjectMapper json) {
        return eventType().map(t -> {
            try {
                return json.readValue(data, t.payloadClass());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event " + id + " of type " + type + " has unreadable data", e);
            }
        });
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
