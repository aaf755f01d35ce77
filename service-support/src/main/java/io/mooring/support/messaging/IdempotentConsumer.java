package io.mooring.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.MooringEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Handles each event once. The event id is recorded in the same transaction as the handler's changes,
 * so a redelivered or replayed event finds its id already there and changes nothing; a handler that fails
 * rolls the id back too, and the event is retried.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final ObjectMapper json;

    public IdempotentConsumer(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Runs {@code handler} in a transaction unless {@code consumer} already handled this event. Records that
     * are not Mooring CloudEvents, or of types this build does not know, are skipped with a warning rather
     * than blocking the partition.
     */
    public Uni<Void> handle(String consumer, ConsumerRecord<String, String> record,
            Function<MooringEvent, Uni<Void>> handler) {
        Optional<EventEnvelope> envelope = EventEnvelope.from(record);
        if (envelope.isEmpty()) {
            LOG.warnf("%s skips a record that is not a Mooring CloudEvent (%s-%d@%d)", consumer, record.topic(),
                    record.partition(), record.offset());
            return Uni.createFrom().voidItem();
        }
        Optional<MooringEvent> payload;
        try {
            payload = envelope.get().payload(json);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s skips event %s: %s", consumer, envelope.get().id(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (payload.isEmpty()) {
            LOG.debugf("%s ignores event type %s", consumer, envelope.get().type());
            return Uni.createFrom().voidItem();
        }
        UUID eventId = envelope.get().id();
        return Panache.withTransaction(() -> firstTime(consumer, eventId)
                        .flatMap(first -> first ? handler.apply(payload.get()) : Uni.createFrom().voidItem()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }

    /** Records the event for this consumer; true the first time only. Call inside the handler's transaction. */
    public Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into mooring_processed_event (consumer, event_id) values (:consumer, :eventId)
                on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
