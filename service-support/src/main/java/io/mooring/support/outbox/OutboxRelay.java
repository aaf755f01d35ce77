package io.mooring.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.CloudEventHeaders;
import io.mooring.support.jobs.SingletonJobs;
import io.mooring.support.messaging.KafkaConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events to Kafka as binary-mode CloudEvents, oldest first, and marks them.
 * One relay publishes at a time per database (a transaction-scoped advisory lock), so events keep their
 * commit order across instances. An event is marked only after the broker acknowledged it: a crash, a
 * paused relay or a broker outage delays events but never loses one (delivery is at least once).
 *
 * <p>Every replica polls; the lock makes the others' polls cheap no-ops. The lock key is fixed for good
 * ({@code RELAY_LOCK}): replicas of an older and a newer version run side by side during a rolling upgrade and must
 * still exclude each other. Deleting published events is a {@link SingletonJobs} job.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, but the same in every instance of a service: the key of the relay's advisory lock. */
    private static final long RELAY_LOCK = 0x6d6f6f72696e67L;

    private final Pool pool;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final KafkaConnection connection;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final SingletonJobs jobs;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private Long timer;
    private final Counter published;
    private final Counter failures;
    private final Counter dead;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(Pool pool, io.vertx.mutiny.core.Vertx vertx, OutboxConfig config, KafkaConnection connection,
            MeterRegistry metrics, SingletonJobs jobs) {
        this.pool = pool;
        this.connection = connection;
        this.jobs = jobs;
        this.vertx = vertx;
        this.config = config;
        this.bootstrapServers = config.bootstrapServers();
        this.published = Counter.builder("mooring.outbox.published")
                .description("Events the outbox relay published").register(metrics);
        this.dead = Counter.builder("mooring.outbox.dead")
                .description("Events Kafka refused for good, set aside in the outbox").register(metrics);
        this.failures = Counter.builder("mooring.outbox.publish.failures")
                .description("Relay batches Kafka did not fully acknowledge; they are retried").register(metrics);
    }

    /** Stops publishing until {@link #resume()}; events keep accumulating in the outbox. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /** Polls on a Vert.x timer: the scheduler extension cannot run jobs more often than once a second. */
    void start(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
        }
    }

    private void tick() {
        if (paused.get() || !running.compareAndSet(false, true)) {
            return;
        }
        publishPending()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .subscribe().with(published -> running.set(false), failure -> running.set(false));
    }

    /** Publishes one batch of pending events; the number published (0 when another instance holds the lock). */
    public Uni<Integer> publishPending() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(rows -> rows.iterator().next().getBoolean(0)
                        ? publishLocked(connection)
                        : Uni.createFrom().item(0)));
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deletePublished() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return jobs.runExclusively("outbox.delete-published", () -> pool
                        .preparedQuery("delete from mooring_outbox where published_at < $1")
                        .execute(Tuple.of(before)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Integer> publishLocked(SqlConnection connection) {
        return connection.preparedQuery("""
                select id, topic, record_key, type, source, subject, occurred_at, payload, trace_parent, trace_state
                from mooring_outbox where published_at is null and dead_at is null order by seq limit $1""")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<ProducerRecord<String, String>> records = new ArrayList<>();
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                        records.add(toRecord(row));
                    }
                    if (records.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // The producer may block (metadata, a full buffer): keep it off the event loop.
                    return Uni.createFrom().item(() -> sendAll(records))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .flatMap(outcome -> markPublished(connection, ids.subList(0, outcome.acknowledged()))
                                    .flatMap(published -> outcome.rejected() == null
                                            ? Uni.createFrom().item(published)
                                            : markDead(connection, ids.get(outcome.acknowledged()),
                                                    outcome.rejected()).replaceWith(published)));
                });
    }

    private Uni<Integer> markPublished(SqlConnection connection, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery("update mooring_outbox set published_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(new UUID[0])))
                .map(result -> {
                    published.increment(ids.size());
                    return ids.size();
                });
    }

    /**
     * How a batch went: how many events, from the first, the broker acknowledged, and whether the next one was
     * refused for good (it can never be published, so retrying it would block every later event).
     */
    private record Outcome(int acknowledged, String rejected) {
    }

    private Uni<Void> markDead(SqlConnection connection, UUID id, String error) {
        LOG.errorf("Outbox event %s can never be published and is set aside (mooring_outbox.dead_at): %s", id, error);
        dead.increment();
        return connection.preparedQuery("update mooring_outbox set dead_at = now(), last_error = $2 where id = $1")
                .execute(Tuple.of(id, error.length() > 1000 ? error.substring(0, 1000) : error))
                .replaceWithVoid();
    }

    /** Sends in order; stops counting at the first event the broker did not acknowledge. */
    private Outcome sendAll(List<ProducerRecord<String, String>> records) {
        KafkaProducer<String, String> kafka = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, String> record : records) {
                sends.add(kafka.send(record));
            }
        } catch (RecordTooLargeException e) {
            // Refused before sending: the ones handed over so far are still awaited below.
            if (sends.isEmpty()) {
                return new Outcome(0, "RecordTooLargeException: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay could not hand events to Kafka: %s", e.getMessage());
            failures.increment();
        }
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        int acknowledged = 0;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                        ? e.getCause()
                        : e;
                if (cause instanceof RecordTooLargeException || cause instanceof InvalidTopicException) {
                    return new Outcome(acknowledged, cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
                LOG.warnf("Outbox relay: Kafka did not acknowledge an event, will retry: %s", cause.getMessage());
                failures.increment();
                // A producer whose sends failed may hold a broken sequence: start afresh next time.
                resetProducer();
                break;
            }
        }
        return new Outcome(acknowledged, null);
    }

    private static ProducerRecord<String, String> toRecord(Row row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.getString("topic"),
                row.getString("record_key"), row.getString("payload"));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, row.getUUID("id").toString());
        header(record, CloudEventHeaders.SOURCE, row.getString("source"));
        header(record, CloudEventHeaders.TYPE, row.getString("type"));
        header(record, CloudEventHeaders.SUBJECT, row.getString("subject"));
        header(record, CloudEventHeaders.TIME, row.getOffsetDateTime("occurred_at").toInstant().toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        String traceParent = row.getString("trace_parent");
        if (traceParent != null) {
            header(record, CloudEventHeaders.TRACE_PARENT, traceParent);
            String traceState = row.getString("trace_state");
            if (traceState != null && !traceState.isEmpty()) {
                header(record, CloudEventHeaders.TRACE_STATE, traceState);
            }
        }
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(connection.with(Map.<String, Object>ofEntries(
                    Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                    Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                    Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                    // Inventories of large clusters are several MB of JSON; compressed they fit the limits below.
                    Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes()),
                    Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(config.publishTimeout().toMillis(), 10_000)),
                    Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                    Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(config.publishTimeout().toMillis(), 6_000)),
                    Map.entry(ProducerConfig.CLIENT_ID_CONFIG, config.source() + "-outbox"))),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        paused.set(true);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        resetProducer();
    }
}
