package io.mooring.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.CloudEventHeaders;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * The dead-letter store ({@code mooring_dead_letter}): records a consumer can never handle, kept with everything
 * needed to handle them again. It talks to the database through the pool, outside the consumer's own
 * transaction, which has been rolled back by the time a record is parked.
 */
@ApplicationScoped
public class DeadLetters {

    private static final int MAX_ERROR = 4000;
    private static final String COLUMNS = """
            id, consumer, topic, record_partition, record_offset, record_key, headers, record_value, event_id,
            event_type, error, attempts, parked_at, failed_at, replayed_at""";

    /** A parked record. {@code value} is left out of lists ({@code null}) and given by {@link #find}. */
    public record DeadLetter(long id, String consumer, String topic, int partition, long offset, String key,
            List<RecordHeaderView> headers, String value, UUID eventId, String eventType, String error, int attempts,
            Instant parkedAt, Instant failedAt, Instant replayedAt) {

        /** The record as Kafka delivered it, for the consumer's handler. */
        ConsumerRecord<String, String> toRecord() {
            RecordHeaders recordHeaders = new RecordHeaders();
            headers.forEach(h -> recordHeaders.add(new RecordHeader(h.name(),
                    h.value() == null ? null : h.value().getBytes(StandardCharsets.UTF_8))));
            return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, -1, -1, key, value, recordHeaders, Optional.empty());
        }
    }

    public record RecordHeaderView(String name, String value) {
    }

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final MeterRegistry metrics;

    public DeadLetters(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
        Gauge.builder("mooring.consumer.dead.letters", pending, AtomicLong::get)
                .description("Dead letters waiting in this service's store (parked, not replayed)").register(metrics);
    }

    /** Parks a record (again, if it was parked before: the error and time are updated). Returns its id. */
    Uni<Long> park(String consumer, ConsumerRecord<String, String> record, String error) {
        JsonArray headers = new JsonArray();
        for (Header header : record.headers()) {
            headers.add(new JsonObject().put("name", text(header.key()))
                    .put("value", header.value() == null ? null : text(new String(header.value(), StandardCharsets.UTF_8))));
        }
        String eventType = headerText(record, CloudEventHeaders.TYPE);
        List<Object> values = Arrays.asList(consumer, record.topic(), record.partition(), record.offset(),
                text(record.key()), headers, text(record.value()), eventId(record),
                eventType == null ? null : truncate(eventType, 200), truncate(text(error), MAX_ERROR));
        return pool.preparedQuery("""
                insert into mooring_dead_letter (consumer, topic, record_partition, record_offset, record_key, headers,
                    record_value, event_id, event_type, error)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                on conflict (consumer, topic, record_partition, record_offset) do update
                    set error = excluded.error, failed_at = now(), attempts = mooring_dead_letter.attempts + 1,
                        replayed_at = null
                returning id""")
                .execute(Tuple.from(values))
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(id -> {
                    Counter.builder("mooring.consumer.dead.lettered").tag("consumer", consumer)
                            .description("Records parked in the dead-letter store").register(metrics).increment();
                    refreshCount().subscribe().with(n -> { }, f -> { });
                });
    }

    /** Newest first; {@code before} (an id) continues after the last item of the previous page. */
    public Uni<List<DeadLetter>> list(Long before, int limit) {
        return pool.preparedQuery("select " + COLUMNS.replace("record_value", "null as record_value")
                + " from mooring_dead_letter where ($1::bigint is null or id < $1) order by id desc limit $2")
                .execute(Tuple.of(before, limit))
                .map(rows -> {
                    List<DeadLetter> letters = new ArrayList<>();
                    rows.forEach(row -> letters.add(toDeadLetter(row)));
                    return letters;
                });
    }

    /** The dead letter with its value; null when there is none with this id. */
    public Uni<DeadLetter> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from mooring_dead_letter where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toDeadLetter(rows.iterator().next()) : null);
    }

    Uni<Void> markReplayed(long id) {
        return pool.preparedQuery("update mooring_dead_letter set replayed_at = now() where id = $1")
                .execute(Tuple.of(id))
                .flatMap(done -> refreshCount())
                .replaceWithVoid();
    }

    /** A replay failed again: the dead letter stays, with the new error. */
    Uni<Void> recordFailure(long id, String error) {
        return pool.preparedQuery("""
                update mooring_dead_letter set error = $2, failed_at = now(), attempts = attempts + 1 where id = $1""")
                .execute(Tuple.of(id, truncate(text(error), MAX_ERROR)))
                .replaceWithVoid();
    }

    /** Discards a dead letter; false when there was none with this id. */
    public Uni<Boolean> delete(long id) {
        return pool.preparedQuery("delete from mooring_dead_letter where id = $1").execute(Tuple.of(id))
                .flatMap(result -> refreshCount().replaceWith(result.rowCount() == 1));
    }

    /** Keeps the gauge honest when another replica parked or replayed something. */
    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return refreshCount().onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Long> refreshCount() {
        return pool.query("select count(*) from mooring_dead_letter where replayed_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(pending::set);
    }

    private static DeadLetter toDeadLetter(Row row) {
        List<RecordHeaderView> headers = new ArrayList<>();
        Object stored = row.getValue("headers");
        if (stored instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject header = array.getJsonObject(i);
                headers.add(new RecordHeaderView(header.getString("name"), header.getString("value")));
            }
        }
        return new DeadLetter(row.getLong("id"), row.getString("consumer"), row.getString("topic"),
                row.getInteger("record_partition"), row.getLong("record_offset"), row.getString("record_key"), headers,
                row.getString("record_value"), row.getUUID("event_id"), row.getString("event_type"),
                row.getString("error"), row.getInteger("attempts"), instant(row, "parked_at"),
                instant(row, "failed_at"), instant(row, "replayed_at"));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        String id = headerText(record, CloudEventHeaders.ID);
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String headerText(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : text(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** PostgreSQL text cannot hold NUL: a record carrying one must still be parked, not refused. */
    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
