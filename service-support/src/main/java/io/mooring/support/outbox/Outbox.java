package io.mooring.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.support.tracing.EventTracing;
import io.mooring.support.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Where services put the events of a state change. Call it inside the same {@code @WithTransaction} as the
 * change: the event then commits with the change or not at all, and the {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper json;
    private final OutboxConfig config;
    private final EventTracing tracing;

    public Outbox(OutboxRepository repository, ObjectMapper json, OutboxConfig config, EventTracing tracing) {
        this.repository = repository;
        this.json = json;
        this.config = config;
        this.tracing = tracing;
    }

    public Uni<Void> add(MooringEvent event) {
        EventType type = EventType.of(event);
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = type.topic();
        message.recordKey = event.clusterId().toString();
        message.type = type.type();
        message.source = config.source();
        message.subject = event.clusterId().toString();
        message.occurredAt = event.occurredAt();
        try {
            message.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise " + type, e));
        }
        // Captured now, in the change's own trace: the relay publishes later, outside it.
        TraceContext trace = tracing.eventCreated(message.topic, message.id, message.type, message.subject);
        message.traceParent = trace.traceParent();
        message.traceState = trace.traceState();
        return repository.persist(message).replaceWithVoid();
    }
}
