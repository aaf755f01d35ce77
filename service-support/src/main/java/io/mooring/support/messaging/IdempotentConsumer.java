package io.mooring.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.MooringEvent;
import io.mooring.support.api.ProblemException;
import io.mooring.support.tracing.EventTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Handles each event once. The event id is recorded in the same transaction as the handler's changes,
 * so a redelivered or replayed event finds its id already there and changes nothing; a handler that fails
 * rolls the id back too.
 *
 * <p>A failed record is never dropped. When it failed for a passing reason (see {@link Failures}) it is tried
 * again, with a backoff capped at {@code mooring.consumer.retry-max-backoff}, for as long as it takes: the
 * channel waits on it, the connector pauses the partitions while its buffer is full, and the consumer carries on
 * by itself once the database is back, in order, without a restart. When it can never succeed it is parked in
 * the dead-letter store ({@link DeadLetters}), with its error, for an admin to replay or discard, and the
 * partition carries on. Only events of types a consumer does not know are ignored, by design.
 *
 * <p>A batch channel ({@code batch=true}) hands over a whole poll with {@link #handleBatch}: one transaction, one
 * statement that records all its event ids, and the consumer's batch handler given the new events in partition
 * order (docs/events.md, "Consuming in batches"). A batch that fails for a passing reason is retried whole; one
 * that fails for good is handled again one record at a time, so only the bad record is parked and none of the
 * others is lost.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("mooring.failure");

    private final ObjectMapper json;
    private final DeadLetters deadLetters;
    private final ConsumerSettings settings;
    private final MeterRegistry metrics;
    private final EventTracing tracing;
    private final Map<String, Function<MooringEvent, Uni<Void>>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Function<List<MooringEvent>, Uni<Void>>> batchHandlers = new ConcurrentHashMap<>();
    private final Map<String, Counter> retryCounters = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public IdempotentConsumer(ObjectMapper json, DeadLetters deadLetters, ConsumerSettings settings,
            MeterRegistry metrics, EventTracing tracing) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * Names a consumer's handler. Register when the consumer is created (make the bean {@code @Startup}), so its
     * dead letters can be replayed before it has received anything.
     */
    public void register(String consumer, Function<MooringEvent, Uni<Void>> handler) {
        register(consumer, handler, events -> inOrder(events, handler));
    }

    /**
     * As {@link #register(String, Function)}, with the handler of a batch too: it gets a batch's new events in
     * their partition order, inside the batch's transaction, and must leave the same state as {@code handler}
     * applied to each in turn (which is what dead-letter replays and a failed batch's second pass use).
     */
    public void register(String consumer, Function<MooringEvent, Uni<Void>> handler,
            Function<List<MooringEvent>, Uni<Void>> batchHandler) {
        handlers.put(consumer, handler);
        batchHandlers.put(consumer, batchHandler);
        // Built once here, not per record: the lookup in the registry would otherwise sit on the hot path.
        retryCounters.put(consumer, Counter.builder("mooring.consumer.retries").tag("consumer", consumer)
                .description("Tries of a record that failed for a passing reason (the database, say)")
                .register(metrics));
    }

    /**
     * Runs the handler {@code consumer} registered, in a transaction, unless it already handled this event. The
     * returned Uni completes once the record has been handled or parked; it fails only when the service stops
     * while the record is still waiting, which leaves it uncommitted for the next start.
     */
    public Uni<Void> handle(String consumer, ConsumerRecord<String, String> record) {
        Function<MooringEvent, Uni<Void>> handler = handlers.get(consumer);
        if (handler == null) {
            return Uni.createFrom().failure(new IllegalStateException("No handler registered as " + consumer));
        }
        Context context = Vertx.currentContext();
        Counter retries = retryCounters.get(consumer);
        // The handling continues the producer's trace, retries and parking included (see EventTracing).
        Span span = tracing.startHandling(consumer, record);
        Scope scope = tracing.makeCurrent(span);
        return untilDone(context, () -> handleOnce(consumer, record, handler), failure -> {
                    retries.increment();
                    span.addEvent("retry", Attributes.of(REASON, Failures.describe(failure)));
                    LOG.warnf("%s will retry %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                            record.offset(), Failures.describe(failure));
                })
                .onFailure(Failures::deterministic).recoverWithUni(failure -> {
                    String error = Failures.describe(failure);
                    span.setStatus(StatusCode.ERROR, error);
                    span.addEvent("parked", Attributes.of(REASON, error));
                    LOG.errorf("%s parks %s-%d@%d in the dead-letter store: %s", consumer, record.topic(),
                            record.partition(), record.offset(), error);
                    // Parking is a database write too: it waits out an outage like any other.
                    return untilDone(context, () -> deadLetters.park(consumer, record, error),
                            parkFailure -> LOG.warnf("%s could not park %s-%d@%d yet: %s", consumer, record.topic(),
                                    record.partition(), record.offset(), Failures.describe(parkFailure)),
                            f -> true)
                            .replaceWithVoid();
                })
                .onTermination().invoke((done, failure, cancelled) -> end(span, scope, failure));
    }

    /**
     * Handles a batch of records (one poll of a {@code batch=true} channel) as {@link #handle} would handle each in
     * turn, in one transaction: the events not handled before go to the consumer's batch handler, in the order
     * given (Kafka's: by partition, then offset). A passing failure retries the batch; a lasting one (a record that
     * is not a Mooring event, a handler that refuses one) sends the batch through {@link #handle} record by record,
     * which parks the bad record alone. Completes once every record has been handled or parked.
     */
    public Uni<Void> handleBatch(String consumer, Iterable<ConsumerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        records.forEach(batch::add);
        if (batch.size() <= 1) {
            return batch.isEmpty() ? Uni.createFrom().voidItem() : handle(consumer, batch.get(0));
        }
        Function<List<MooringEvent>, Uni<Void>> handler = batchHandlers.get(consumer);
        if (handler == null) {
            return Uni.createFrom().failure(new IllegalStateException("No handler registered as " + consumer));
        }
        Context context = Vertx.currentContext();
        Counter retries = retryCounters.get(consumer);
        // One span per record still, each continuing its producer's trace; events the batch handler writes start
        // traces of their own (one handler call serves many records).
        List<Span> spans = batch.stream().map(record -> tracing.startHandling(consumer, record)).toList();
        ConsumerRecord<String, String> first = batch.get(0);
        return untilDone(context, () -> handleBatchOnce(consumer, batch, handler), failure -> {
                    retries.increment();
                    spans.forEach(span -> span.addEvent("retry", Attributes.of(REASON, Failures.describe(failure))));
                    LOG.warnf("%s will retry the batch of %d from %s-%d@%d: %s", consumer, batch.size(), first.topic(),
                            first.partition(), first.offset(), Failures.describe(failure));
                })
                .onTermination().invoke((done, failure, cancelled) -> spans.forEach(span -> {
                    if (failure != null) {
                        span.addEvent("batch failed", Attributes.of(REASON, Failures.describe(failure)));
                    }
                    span.end();
                }))
                .onFailure(Failures::deterministic).recoverWithUni(failure -> {
                    LOG.warnf("%s handles the batch of %d from %s-%d@%d one record at a time: %s", consumer,
                            batch.size(), first.topic(), first.partition(), first.offset(), Failures.describe(failure));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ConsumerRecord<String, String> record : batch) {
                        chain = chain.flatMap(done -> handle(consumer, record));
                    }
                    return chain;
                });
    }

    /** One try of a whole batch: fails, having changed nothing, when one of its records could not be handled. */
    private Uni<Void> handleBatchOnce(String consumer, List<ConsumerRecord<String, String>> batch,
            Function<List<MooringEvent>, Uni<Void>> handler) {
        List<UUID> ids = new ArrayList<>(batch.size());
        List<MooringEvent> events = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> record : batch) {
            EventEnvelope envelope = envelope(record);
            Optional<MooringEvent> payload = envelope.payload(json);
            if (payload.isPresent()) {
                ids.add(envelope.id());
                events.add(payload.get());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> firstTimes(consumer, ids).flatMap(fresh -> {
            // A batch may carry an event twice (a republish in the same poll): only its first copy is applied.
            Set<UUID> taken = new HashSet<>();
            List<MooringEvent> applied = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                if (fresh.contains(ids.get(i)) && taken.add(ids.get(i))) {
                    applied.add(events.get(i));
                }
            }
            return applied.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(applied);
        }));
    }

    private static Uni<Void> inOrder(List<MooringEvent> events, Function<MooringEvent, Uni<Void>> handler) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MooringEvent event : events) {
            chain = chain.flatMap(done -> handler.apply(event));
        }
        return chain;
    }

    /**
     * Runs a dead letter's record through its consumer's handler once more, on the same idempotent path. On
     * success the dead letter is marked replayed; when it fails for good again it stays, with the new error.
     */
    public Uni<DeadLetters.DeadLetter> replay(long id) {
        return deadLetters.find(id).flatMap(letter -> {
            if (letter == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No dead letter " + id + "."));
            }
            if (letter.replayedAt() != null) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "Dead letter " + id + " was replayed at " + letter.replayedAt() + "."));
            }
            Function<MooringEvent, Uni<Void>> handler = handlers.get(letter.consumer());
            if (handler == null) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "This service has no consumer named " + letter.consumer() + " to replay it."));
            }
            ConsumerRecord<String, String> record = letter.toRecord();
            Span span = tracing.startReplay(letter.consumer(), record);
            Scope scope = tracing.makeCurrent(span);
            return Uni.createFrom().deferred(() -> handleOnce(letter.consumer(), record, handler))
                    .onTermination().invoke((done, failure, cancelled) -> end(span, scope, failure))
                    .flatMap(done -> deadLetters.markReplayed(id))
                    .onFailure(Failures::deterministic).call(failure -> deadLetters.recordFailure(id,
                            Failures.describe(failure)))
                    .onFailure().transform(failure -> Failures.deterministic(failure)
                            ? new ProblemException(422, "replay-failed", "Replay failed",
                                    "The event failed again and stays in the dead-letter store: "
                                            + Failures.describe(failure))
                            : new ProblemException(503, "consumer-unavailable", "Consumer unavailable",
                                    "The event could not be handled now (the dead letter is unchanged), try again "
                                            + "later: " + Failures.describe(failure)).retryAfter(Duration.ofSeconds(5)))
                    .flatMap(done -> deadLetters.find(id));
        });
    }

    private static void end(Span span, Scope scope, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, Failures.describe(failure));
        }
        scope.close();
        span.end();
    }

    /** One try: fails with the reason when the record was not handled. */
    private Uni<Void> handleOnce(String consumer, ConsumerRecord<String, String> record,
            Function<MooringEvent, Uni<Void>> handler) {
        EventEnvelope envelope = envelope(record);
        Optional<MooringEvent> payload = envelope.payload(json);
        if (payload.isEmpty()) {
            LOG.debugf("%s ignores event type %s", consumer, envelope.type());
            return Uni.createFrom().voidItem();
        }
        UUID eventId = envelope.id();
        return Panache.withTransaction(() -> firstTime(consumer, eventId)
                .flatMap(first -> first ? handler.apply(payload.get()) : Uni.createFrom().voidItem()));
    }

    private static EventEnvelope envelope(ConsumerRecord<String, String> record) {
        return EventEnvelope.from(record).orElseThrow(() -> new IllegalArgumentException(
                "Not a Mooring CloudEvent: it needs the headers ce_id (a UUID) and ce_type, a valid ce_time, and a value"));
    }

    private <T> Uni<T> untilDone(Context context, Supplier<Uni<? extends T>> work,
            Consumer<Throwable> onRetry) {
        return untilDone(context, work, onRetry, Failures::transientFailure);
    }

    /**
     * Tries {@code work} until it succeeds or fails for a reason {@code retryable} rejects. Every try runs on the
     * record's Vert.x context, where the reactive session lives: a backoff resumes on a worker thread otherwise.
     */
    private <T> Uni<T> untilDone(Context context, Supplier<Uni<? extends T>> work,
            Consumer<Throwable> onRetry, Predicate<Throwable> retryable) {
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        // Once the service stops, a failing record is left uncommitted (Kafka redelivers it) instead of being
        // retried by an application that is no longer there.
        Predicate<Throwable> retry = failure -> !stopping && retryable.test(failure);
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(onContext)
                .onFailure(retry).invoke(onRetry)
                .onFailure(retry).retry()
                .withBackOff(settings.retryInitialBackoff(), settings.retryMaxBackoff())
                .indefinitely();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
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

    /**
     * Records the events for this consumer in one statement; answers those recorded now (not handled before).
     * The ids travel as one JSON array: one statement whatever the batch's size, and no null parameters.
     */
    public Uni<Set<UUID>> firstTimes(String consumer, List<UUID> eventIds) {
        String ids = eventIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into mooring_processed_event (consumer, event_id)
                select distinct :consumer, cast(id as uuid)
                from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) id
                on conflict do nothing
                returning cast(event_id as text)""", String.class)
                .setParameter("consumer", consumer)
                .setParameter("ids", ids)
                .getResultList())
                .map(inserted -> {
                    Set<UUID> fresh = new LinkedHashSet<>();
                    inserted.forEach(id -> fresh.add(UUID.fromString(id)));
                    return fresh;
                });
    }
}
