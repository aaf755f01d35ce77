package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable delivery queue and its log. Plain SQL (decision 0027): the delivery job runs outside any Hibernate
 * session, between HTTP calls made on worker threads, and "the oldest pending delivery of each cluster and
 * endpoint" is an SQL rule best stated as one query. Queuing itself happens in the consumer's transaction, on its
 * session, so an alert is queued exactly when its event is recorded as handled.
 */
@ApplicationScoped
public class DeliveryRepository {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A delivery due now, with what sending it needs; {@code previousSecret} is the secret a rotation replaced while
     * its grace period runs, null otherwise.
     */
    public record Due(long id, UUID endpointId, UUID eventId, String body, int attempts, String url, String format,
            String secret, String previousSecret) {
    }

    /** One entry of an endpoint's delivery log. */
    public record Entry(long id, UUID eventId, String eventType, UUID ruleId, String orderKey, String status,
            int attempts, int redeliveries, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
            String lastError, Long latencyMs, Instant createdAt, Instant deliveredAt) {
    }

    /** Queues an alert for an endpoint in the caller's transaction; false when it was queued before. */
    public Uni<Boolean> enqueue(UUID endpointId, UUID eventId, String eventType, UUID ruleId, String orderKey,
            String body, Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into webhook_delivery (endpoint_id, event_id, event_type, rule_id, order_key, body, status,
                    next_attempt_at, created_at)
                values (:endpoint, :event, :type, :rule, :orderKey, :body, 'pending', :now, :now)
                on conflict (endpoint_id, event_id) do nothing""")
                .setParameter("endpoint", endpointId)
                .setParameter("event", eventId)
                .setParameter("type", eventType)
                .setParameter("rule", ruleId)
                .setParameter("orderKey", orderKey)
                .setParameter("body", body)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Deliveries due at {@code now}: for each endpoint and order key only the oldest pending one, so a cluster's
     * alerts reach an endpoint in the order they were raised, a retried one holding back those after it.
     */
    public Uni<List<Due>> due(Instant now, int limit) {
        return pool.preparedQuery("""
                select d.id, d.endpoint_id, d.event_id, d.body, d.attempts, e.url, e.format, e.secret,
                    case when e.previous_secret_expires_at > $1 then e.previous_secret end as previous_secret
                from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where d.status = 'pending' and e.enabled and d.next_attempt_at <= $1
                  and not exists (select 1 from webhook_delivery p where p.endpoint_id = d.endpoint_id
                                  and p.order_key = d.order_key and p.status = 'pending' and p.id < d.id)
                order by d.id limit $2""")
                .execute(Tuple.of(at(now), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row r : rows) {
                        due.add(new Due(r.getLong("id"), r.getUUID("endpoint_id"), r.getUUID("event_id"),
                                r.getString("body"), r.getInteger("attempts"), r.getString("url"),
                                r.getString("format"), r.getString("secret"), r.getString("previous_secret")));
                    }
                    return due;
                });
    }

    /** Records a delivered attempt; the endpoint's run of failures ends. */
    public Uni<Void> delivered(Due due, int statusCode, long latencyMs, Instant now) {
        return pool.withTransaction(c -> c.preparedQuery("""
                update webhook_delivery set status = 'delivered', attempts = attempts + 1, last_attempt_at = $2,
                    last_status_code = $3, last_error = null, latency_ms = $4, delivered_at = $2
                where id = $1""")
                .execute(Tuple.of(due.id(), at(now), statusCode, latencyMs))
                .flatMap(v -> c.preparedQuery("update webhook_endpoint set consecutive_failures = 0 where id = $1")
                        .execute(Tuple.of(due.endpointId())))
                .replaceWithVoid());
    }

    /**
     * Records a failed attempt: the delivery waits until {@code nextAttemptAt}, or is given up when that is null.
     * The endpoint is disabled, with the reason, once its failures in a row reach {@code disableAfter}.
     */
    public Uni<Void> failed(Due due, Integer statusCode, String error, long latencyMs, Instant now,
            Instant nextAttemptAt, int disableAfter) {
        return pool.withTransaction(c -> c.preparedQuery("""
                update webhook_delivery set status = $2, attempts = attempts + 1, last_attempt_at = $3,
                    last_status_code = $4, last_error = $5, latency_ms = $6, next_attempt_at = coalesce($7, next_attempt_at)
                where id = $1""")
                .execute(Tuple.tuple().addValue(due.id()).addValue(nextAttemptAt == null ? FAILED : PENDING)
                        .addValue(at(now)).addValue(statusCode).addValue(error).addValue(latencyMs)
                        .addValue(at(nextAttemptAt)))
                .flatMap(v -> c.preparedQuery("""
                        update webhook_endpoint set consecutive_failures = consecutive_failures + 1,
                            enabled = enabled and consecutive_failures + 1 < $2,
                            disabled_at = case when enabled and consecutive_failures + 1 >= $2 then $3 else disabled_at end,
                            disabled_reason = case when enabled and consecutive_failures + 1 >= $2
                                then 'Disabled after ' || (consecutive_failures + 1) || ' failed attempts in a row; the last: ' || $4
                                else disabled_reason end
                        where id = $1""")
                        .execute(Tuple.of(due.endpointId(), disableAfter, at(now), error)))
                .replaceWithVoid());
    }

    /** The endpoint's delivery log, newest first, before {@code beforeId} when given. */
    public Uni<List<Entry>> log(UUID endpointId, Long beforeId, int limit) {
        return pool.preparedQuery("""
                select id, event_id, event_type, rule_id, order_key, status, attempts, redeliveries, next_attempt_at,
                    last_attempt_at, last_status_code, last_error, latency_ms, created_at, delivered_at
                from webhook_delivery where endpoint_id = $1 and ($2::bigint is null or id < $2)
                order by id desc limit $3""")
                .execute(Tuple.tuple().addValue(endpointId).addValue(beforeId).addValue(limit))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row r : rows) {
                        entries.add(entry(r));
                    }
                    return entries;
                });
    }

    /**
     * Queues a delivery again, as it was (same CloudEvent id and body, so a receiver that already has it can tell);
     * null when the endpoint has no such delivery. A pending one is left as it is.
     */
    public Uni<Entry> redeliver(UUID endpointId, long deliveryId, Instant now) {
        return pool.preparedQuery("""
                update webhook_delivery set status = 'pending', next_attempt_at = $3,
                    redeliveries = redeliveries + case when status = 'pending' then 0 else 1 end
                where id = $2 and endpoint_id = $1
                returning id, event_id, event_type, rule_id, order_key, status, attempts, redeliveries, next_attempt_at,
                    last_attempt_at, last_status_code, last_error, latency_ms, created_at, delivered_at""")
                .execute(Tuple.of(endpointId, deliveryId, at(now)))
                .map(rows -> rows.iterator().hasNext() ? entry(rows.iterator().next()) : null);
    }

    /** Deletes finished deliveries older than {@code before}; how many. */
    public Uni<Integer> purge(Instant before) {
        return pool.preparedQuery("delete from webhook_delivery where status <> 'pending' and created_at < $1")
                .execute(Tuple.of(at(before))).map(rows -> rows.rowCount());
    }

    private static Entry entry(Row r) {
        return new Entry(r.getLong("id"), r.getUUID("event_id"), r.getString("event_type"), r.getUUID("rule_id"),
                r.getString("order_key"), r.getString("status"), r.getInteger("attempts"),
                r.getInteger("redeliveries"), instant(r.getOffsetDateTime("next_attempt_at")),
                instant(r.getOffsetDateTime("last_attempt_at")), r.getInteger("last_status_code"),
                r.getString("last_error"), r.getLong("latency_ms"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("delivered_at")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
