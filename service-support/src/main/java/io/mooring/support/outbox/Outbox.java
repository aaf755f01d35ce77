package io.mooring.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
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

    public Outbox(OutboxRepository repository, ObjectMapper json, OutboxConfig config) {
        this.repository = repository;
        this.json = json;
        this.config = config;
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
        return repository.persist(message).replaceWithVoid();
    }
}
