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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
        handlers.put(consumer, handler);
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
        EventEnvelope envelope = EventEnvelope.from(record).orElseThrow(() -> new IllegalArgumentException(
                "Not a Mooring CloudEvent: it needs the headers ce_id (a UUID) and ce_type, a valid ce_time, and a value"));
        Optional<MooringEvent> payload = envelope.payload(json);
        if (payload.isEmpty()) {
            LOG.debugf("%s ignores event type %s", consumer, envelope.type());
            return Uni.createFrom().voidItem();
        }
        UUID eventId = envelope.id();
        return Panache.withTransaction(() -> firstTime(consumer, eventId)
                .flatMap(first -> first ? handler.apply(payload.get()) : Uni.createFrom().voidItem()));
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
}
