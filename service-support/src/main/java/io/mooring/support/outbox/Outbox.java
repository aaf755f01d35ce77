package io.mooring.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.support.tracing.EventTracing;
import io.mooring.support.tracing.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

    /**
     * {@link #add} for many events in one statement, in the list's order (a consumer's batch writes hundreds):
     * plain SQL, the rows as one JSON parameter, as entity inserts would be one round trip each.
     */
    public Uni<Void> addAll(List<? extends MooringEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray rows = new JsonArray();
        for (MooringEvent event : events) {
            EventType type = EventType.of(event);
            UUID id = UUID.randomUUID();
            String subject = event.clusterId().toString();
            TraceContext trace = tracing.eventCreated(type.topic(), id, type.type(), subject);
            try {
                rows.add(new JsonObject().put("id", id.toString()).put("topic", type.topic()).put("record_key", subject)
                        .put("type", type.type()).put("source", config.source()).put("subject", subject)
                        .put("occurred_at", event.occurredAt().toString()).put("payload", json.writeValueAsString(event))
                        .put("trace_parent", trace.traceParent()).put("trace_state", trace.traceState()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalStateException("Cannot serialise " + type, e));
            }
        }
        // "with ordinality ... order by": seq (the relay's order) follows the list's.
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into mooring_outbox (id, topic, record_key, type, source, subject, occurred_at, payload,
                    trace_parent, trace_state)
                select cast(r ->> 'id' as uuid), r ->> 'topic', r ->> 'record_key', r ->> 'type', r ->> 'source',
                    r ->> 'subject', cast(r ->> 'occurred_at' as timestamptz), r ->> 'payload', r ->> 'trace_parent',
                    r ->> 'trace_state'
                from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) with ordinality as e(r, n)
                order by n""").setParameter("rows", rows.encode()).executeUpdate()).replaceWithVoid();
    }
}
