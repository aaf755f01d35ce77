package io.mooring.health.repository;

import static io.mooring.health.repository.Times.instant;
import static io.mooring.health.repository.Times.odt;

import io.mooring.health.domain.EventCursor;
import io.mooring.health.domain.EventEntry;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.domain.EventKey;
import io.mooring.health.domain.StoredEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The event log, in plain SQL on the reactive pool rather than through Panache: it is the service's hot path
 * (agents send about 20,000 events/s from 1,000 clusters in {@code bin/load-health}), measured in decisions 0011
 * and 0012. A group of batches costs a fixed number of statements whatever its size (arrays through
 * {@code unnest}, never a statement per event), with advisory locks and a notification after the commit that
 * an ORM does not express; the reads and the chunked {@code skip locked} deletes share its row format. Nothing
 * here needs the outbox, so nothing needs the Hibernate session.
 */
@ApplicationScoped
public class EventRepository {

    private static final Logger LOG = Logger.getLogger(EventRepository.class);

    /** The LISTEN/NOTIFY channel on which each committed batch names the entries it touched. */
    public static final String CHANNEL = "mooring_health_events";
    /**
     * What follows the cluster id on {@link #CHANNEL} when the cluster was deleted (instead of entry ids), so that
     * every instance ends its streams of the cluster, whichever one consumed the ClusterDeleted.
     */
    public static final String DELETED = "deleted";
    /** Ids per notification: a payload must stay under PostgreSQL's 8000 bytes. */
    static final int IDS_PER_NOTIFICATION = 150;
    /** Class id of the per-cluster advisory locks (two-key form, apart from the outbox relay's one-key lock). */
    static final int LOCK_CLASS = 0x4d48_4556;
    /**
     * How far an entry's {@code last_seen} may run ahead of its {@code seen_mark}, the indexed stand-in for it
     * ({@code V4__event_log_hot_updates.sql}): {@code seen_mark <= last_seen < seen_mark + MARK_LAG}. Longer makes
     * more updates HOT (an entry recurring every 10 s moves its mark once in 30 updates) and makes a page read
     * sort the entries of that much more time; as a PostgreSQL interval, in SQL text only.
     */
    static final String MARK_LAG = "interval '5 minutes'";

    /** How a batch went: refused (cluster unknown), a resend, or applied. */
    public enum Outcome {
        UNKNOWN_CLUSTER, DUPLICATE, APPLIED
    }

    private final Pool pool;

    public EventRepository(Pool pool) {
        this.pool = pool;
    }

    /** One agent's batch of events, to be written; {@code receivedAt} is when it arrived. */
    public record BatchWrite(UUID clusterId, UUID reportId, Collection<EventKey> keys, Instant receivedAt) {
    }

    /** Folds a batch's events into the entries they touch, given the entries stored (or folded before it). */
    @FunctionalInterface
    public interface Fold {
        Map<EventKey, EventEntry> apply(BatchWrite batch, Function<EventKey, EventEntry> stored);
    }

    /**
     * Applies batches, of one cluster or several, in one transaction, and answers each one's outcome in their
     * order: (1) lock the clusters' logs against concurrent writers (in one order, so that two transactions never
     * wait on each other), check the clusters exist (holding them against deletion) and record the report ids;
     * (2) load the touched entries; (3) fold in Java, batch after batch; (4) upsert all entries in one statement.
     * Once it committed, (5) tells the live streams which entries changed. A fixed number of statements whatever
     * the number of batches and events: writing the batches that arrive together as one is what lets many
     * clusters' small batches through (see {@code EventBatchWriter}).
     *
     * <p>The notification is its own statement, after the commit: a transaction that notifies holds
     * PostgreSQL's notification lock through its commit, WAL flush included, so notifying inside the write
     * made every batch of every cluster commit one after the other (sessions waiting on {@code Lock:object}
     * behind {@code IO:WALSync} under load). A notification after the commit writes no WAL. If the instance
     * dies between the two, the entries are stored but open streams miss them until their client reconnects
     * and pages from its cursor.
     */
    public Uni<List<Outcome>> applyBatches(List<BatchWrite> batches, Fold fold) {
        int n = batches.size();
        UUID[] clusters = new UUID[n];
        UUID[] reports = new UUID[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        Instant latest = Instant.EPOCH;
        for (int i = 0; i < n; i++) {
            BatchWrite batch = batches.get(i);
            clusters[i] = batch.clusterId();
            reports[i] = batch.reportId();
            received[i] = odt(batch.receivedAt());
            latest = batch.receivedAt().isAfter(latest) ? batch.receivedAt() : latest;
        }
        Instant now = latest;
        List<String> notifications = new ArrayList<>();
        return OnCaller.stay(pool.withTransaction(conn -> conn.preparedQuery("""
                with lock as (select pg_advisory_xact_lock($3::int4, k)
                              from (select distinct hashtext(c::text) as k from unnest($1::uuid[]) as c order by 1) as s),
                     known as (select h.cluster_id from cluster_health h
                               where h.cluster_id = any($1::uuid[]) and (select count(*) from lock) >= 0
                               for key share of h),
                     fresh as (insert into event_report (report_id, cluster_id, received_at)
                               select b.r, b.c, b.t from unnest($2::uuid[], $1::uuid[], $4::timestamptz[]) as b(r, c, t)
                               where b.c in (select cluster_id from known)
                               on conflict do nothing returning report_id)
                select (select coalesce(array_agg(cluster_id), '{}') from known) as known,
                       (select coalesce(array_agg(report_id), '{}') from fresh) as fresh""")
                .execute(Tuple.of(clusters, reports, LOCK_CLASS, received))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    Set<UUID> known = new HashSet<>(List.of(row.getArrayOfUUIDs("known")));
                    Set<UUID> fresh = new HashSet<>(List.of(row.getArrayOfUUIDs("fresh")));
                    List<Outcome> outcomes = new ArrayList<>(n);
                    Map<UUID, EntryOf> idToKey = new HashMap<>();
                    Map<EntryOf, UUID> keyToId = new HashMap<>();
                    for (BatchWrite batch : batches) {
                        // A report id sent twice in one group is fresh once: the first copy applies it.
                        Outcome outcome = !known.contains(batch.clusterId()) ? Outcome.UNKNOWN_CLUSTER
                                : fresh.remove(batch.reportId()) ? Outcome.APPLIED : Outcome.DUPLICATE;
                        outcomes.add(outcome);
                        if (outcome == Outcome.APPLIED) {
                            for (EventKey key : batch.keys()) {
                                EntryOf of = new EntryOf(batch.clusterId(), key);
                                UUID id = keyToId.computeIfAbsent(of, o -> o.key().entryId(o.clusterId()));
                                idToKey.put(id, of);
                            }
                        }
                    }
                    if (idToKey.isEmpty()) {
                        return Uni.createFrom().item(outcomes);
                    }
                    return load(conn, idToKey).flatMap(stored -> {
                        Map<UUID, Map<EventKey, EventEntry>> touched = new HashMap<>();
                        for (int i = 0; i < n; i++) {
                            if (outcomes.get(i) != Outcome.APPLIED) {
                                continue;
                            }
                            BatchWrite batch = batches.get(i);
                            Map<EventKey, EventEntry> ofCluster = touched.computeIfAbsent(batch.clusterId(),
                                    c -> new HashMap<>());
                            Map<EventKey, EventEntry> storedOfCluster = stored.getOrDefault(batch.clusterId(), Map.of());
                            ofCluster.putAll(fold.apply(batch, key -> ofCluster.containsKey(key) ? ofCluster.get(key)
                                    : storedOfCluster.get(key)));
                        }
                        return upsert(conn, touched, keyToId, now, notifications);
                    }).replaceWith(outcomes);
                })).flatMap(outcomes -> notifications.isEmpty()
                        ? Uni.createFrom().item(outcomes)
                        : notify(notifications).replaceWith(outcomes)));
    }

    /** An entry's cluster and key, by the entry's id. */
    private record EntryOf(UUID clusterId, EventKey key) {
    }

    /** Sends the payloads on {@link #CHANNEL}; a failure is logged, not the batch's: its entries are stored. */
    private Uni<Void> notify(List<String> payloads) {
        return pool.preparedQuery("select count(pg_notify('%s', p)) from unnest($1::text[]) as p".formatted(CHANNEL))
                .execute(Tuple.of(payloads.toArray(new String[0])))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Live streams were not told about %d stored event entries: %s", payloads.size(),
                            e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Map<UUID, Map<EventKey, EventEntry>>> load(SqlConnection conn, Map<UUID, EntryOf> idToKey) {
        return conn.preparedQuery("select " + COLUMNS + " from cluster_event where id = any($1)")
                .execute(Tuple.of(idToKey.keySet().toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, Map<EventKey, EventEntry>> stored = new HashMap<>();
                    rows.forEach(r -> {
                        EntryOf of = idToKey.get(r.getUUID("id"));
                        if (of != null) {
                            EventEntry entry = toEntry(r);
                            stored.computeIfAbsent(of.clusterId(), c -> new HashMap<>()).put(entry.key(), entry);
                        }
                    });
                    return stored;
                });
    }

    /** An entry to write, with its id and cluster. */
    private record Written(UUID id, UUID clusterId, EventEntry entry) {
    }

    /** Writes the touched entries, new or updated, from one array per column. */
    private static final String UPSERT = """
            with up as (
                insert into cluster_event (id, cluster_id, namespace, object_kind, object_name, reason, type,
                    message, source, count, first_seen, last_seen, recent_uids, updated_at, seen_mark)
                select u.id, u.cluster_id, u.ns, u.kind, u.name, u.reason, u.type, u.message, u.source, u.count,
                    u.first_seen, u.last_seen, u.uids, $2, u.last_seen
                from unnest($1::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::text[], $11::int8[], $12::timestamptz[], $13::timestamptz[], $14::text[])
                     as u(cluster_id, id, ns, kind, name, reason, type, message, source, count, first_seen,
                          last_seen, uids)
                on conflict (id) do update set type = excluded.type, message = excluded.message,
                    source = excluded.source, count = excluded.count, first_seen = excluded.first_seen,
                    last_seen = excluded.last_seen, recent_uids = excluded.recent_uids,
                    updated_at = excluded.updated_at,
                    -- The mark stays put (and the update can be HOT) while last_seen is within the lag of it.
                    seen_mark = case when excluded.last_seen < cluster_event.seen_mark
                                          or excluded.last_seen >= cluster_event.seen_mark + %s
                                     then excluded.seen_mark else cluster_event.seen_mark end
                returning 1)
            select count(*) as written from up""".formatted(MARK_LAG);

    private Uni<Void> upsert(SqlConnection conn, Map<UUID, Map<EventKey, EventEntry>> touched,
            Map<EntryOf, UUID> entryIds, Instant now, List<String> payloads) {
        List<Written> rows = new ArrayList<>();
        touched.forEach((clusterId, entries) -> {
            // Each id is derived once (a SHA-1), when the batch's keys were read: rows and notifications reuse it.
            int first = rows.size();
            entries.forEach((key, entry) -> rows.add(new Written(entryIds.computeIfAbsent(new EntryOf(clusterId, key),
                    of -> key.entryId(clusterId)), clusterId, entry)));
            for (int from = first; from < rows.size(); from += IDS_PER_NOTIFICATION) {
                StringBuilder payload = new StringBuilder(clusterId.toString()).append(':');
                for (int i = from; i < Math.min(rows.size(), from + IDS_PER_NOTIFICATION); i++) {
                    payload.append(i == from ? "" : ",").append(rows.get(i).id());
                }
                payloads.add(payload.toString());
            }
        });
        // Sorted by id so concurrent writers (the retention job) take row locks in one order.
        rows.sort((a, b) -> compareIds(a.id(), b.id()));
        int n = rows.size();
        UUID[] clusterIds = new UUID[n];
        UUID[] ids = new UUID[n];
        String[] namespaces = new String[n];
        String[] kinds = new String[n];
        String[] names = new String[n];
        String[] reasons = new String[n];
        String[] types = new String[n];
        String[] messages = new String[n];
        String[] sources = new String[n];
        Long[] counts = new Long[n];
        OffsetDateTime[] firstSeen = new OffsetDateTime[n];
        OffsetDateTime[] lastSeen = new OffsetDateTime[n];
        String[] uids = new String[n];
        for (int i = 0; i < n; i++) {
            EventEntry e = rows.get(i).entry();
            ids[i] = rows.get(i).id();
            clusterIds[i] = rows.get(i).clusterId();
            namespaces[i] = e.key().namespace();
            kinds[i] = e.key().objectKind();
            names[i] = e.key().objectName();
            reasons[i] = e.key().reason();
            types[i] = e.type();
            messages[i] = e.message();
            sources[i] = e.source();
            counts[i] = e.count();
            firstSeen[i] = odt(e.firstSeen());
            lastSeen[i] = odt(e.lastSeen());
            uids[i] = RecentUids.write(e.recentUids());
        }
        Tuple params = Tuple.tuple()
                .addArrayOfUUID(clusterIds).addOffsetDateTime(odt(now))
                .addArrayOfUUID(ids).addArrayOfString(namespaces).addArrayOfString(kinds).addArrayOfString(names)
                .addArrayOfString(reasons).addArrayOfString(types).addArrayOfString(messages)
                .addArrayOfString(sources).addArrayOfLong(counts).addArrayOfOffsetDateTime(firstSeen)
                .addArrayOfOffsetDateTime(lastSeen).addArrayOfString(uids);
        return conn.preparedQuery(UPSERT)
                .execute(params)
                .replaceWithVoid();
    }

    /** Entries of one cluster by id (what a notification named), for the live streams. */
    public Uni<List<StoredEntry>> byIds(UUID clusterId, List<UUID> ids) {
        return OnCaller.stay(pool.preparedQuery("select " + COLUMNS
                        + " from cluster_event where cluster_id = $1 and id = any($2) order by last_seen, id")
                .execute(Tuple.of(clusterId, ids.toArray(new UUID[0])))
                .map(this::toStoredList));
    }

    /**
     * One page of a cluster's log, newest first, strictly after {@code after} when given. No index holds
     * {@code last_seen}, so the page is found in two steps of one statement: {@code top} takes the {@code limit}
     * entries with the newest marks (an index range scan), and the oldest {@code last_seen} among them, m, bounds
     * the page: those entries are seen at or after m, so every entry of the page is too, and its mark is above
     * m - {@link #MARK_LAG}. The entries with such marks, the newest few minutes' worth, are sorted by
     * {@code last_seen}. With fewer than {@code limit} matches, {@code top} holds them all and the bound keeps them.
     */
    public Uni<List<StoredEntry>> page(UUID clusterId, EventFilter filter, EventCursor after, int limit) {
        StringBuilder where = new StringBuilder("cluster_id = $1");
        Tuple params = Tuple.tuple().addUUID(clusterId);
        EventFilter f = filter == null ? EventFilter.ALL : filter;
        condition(where, params, "type = $", f.type());
        condition(where, params, "reason = $", f.reason());
        condition(where, params, "namespace = $", f.namespace());
        condition(where, params, "object_kind = $", f.objectKind());
        condition(where, params, "object_name = $", f.objectName());
        if (f.from() != null) {
            params.addOffsetDateTime(odt(f.from()));
            where.append(" and last_seen >= $").append(params.size())
                    .append(" and seen_mark > $").append(params.size()).append(" - ").append(MARK_LAG);
        }
        if (f.to() != null) {
            params.addOffsetDateTime(odt(f.to()));
            where.append(" and first_seen < $").append(params.size());
        }
        if (after != null) {
            params.addOffsetDateTime(odt(after.lastSeen()));
            params.addUUID(after.id());
            int lastSeen = params.size() - 1;
            where.append(" and (last_seen, id) < ($").append(lastSeen).append(", $").append(params.size())
                    .append(") and seen_mark <= $").append(lastSeen);
        }
        params.addInteger(limit);
        int limitParam = params.size();
        String sql = """
                with top as (select last_seen from cluster_event where %1$s order by seen_mark desc limit $%2$d)
                select %3$s from cluster_event
                where %1$s and seen_mark > (select min(last_seen) from top) - %4$s
                order by last_seen desc, id desc limit $%2$d""".formatted(where, limitParam, COLUMNS, MARK_LAG);
        return OnCaller.stay(pool.preparedQuery(sql).execute(params).map(this::toStoredList));
    }

    /** Deletes up to {@code chunk} entries that last happened before {@code before}; how many went. */
    public Uni<Integer> deleteOlderThan(Instant before, int chunk) {
        return OnCaller.stay(pool.preparedQuery("""
                delete from cluster_event where id in (
                    select id from cluster_event where seen_mark < $1 and last_seen < $1
                    limit $2 for update skip locked)""")
                .execute(Tuple.of(odt(before), chunk))
                .map(result -> result.rowCount()));
    }

    /** Deletes up to {@code chunk} entries of one deleted cluster; how many went. */
    public Uni<Integer> deleteOfCluster(UUID clusterId, int chunk) {
        return OnCaller.stay(pool.preparedQuery("""
                delete from cluster_event where id in (
                    select id from cluster_event where cluster_id = $1 limit $2 for update skip locked)""")
                .execute(Tuple.of(clusterId, chunk))
                .map(result -> result.rowCount()));
    }

    /** Deleted clusters whose log is not purged yet. */
    public Uni<List<UUID>> clustersToPurge(int limit) {
        return OnCaller.stay(pool.preparedQuery("""
                select cluster_id from deleted_cluster where events_purged_at is null order by deleted_at limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                }));
    }

    /** Whether the cluster has a tombstone: deleted here, whatever is left of its event log. */
    public Uni<Boolean> isDeleted(UUID clusterId) {
        return OnCaller.stay(pool.preparedQuery("select exists(select 1 from deleted_cluster where cluster_id = $1)")
                .execute(Tuple.of(clusterId))
                .map(rows -> rows.iterator().next().getBoolean(0)));
    }

    public Uni<Void> markPurged(UUID clusterId, Instant now) {
        return OnCaller.stay(pool.preparedQuery("update deleted_cluster set events_purged_at = $2 where cluster_id = $1")
                .execute(Tuple.of(clusterId, odt(now)))
                .replaceWithVoid());
    }

    /** Forgets applied batch ids older than {@code before}, a chunk at a time. */
    public Uni<Integer> deleteReportIdsOlderThan(Instant before, int chunk) {
        return OnCaller.stay(pool.preparedQuery("""
                delete from event_report where report_id in (
                    select report_id from event_report where received_at < $1 limit $2 for update skip locked)""")
                .execute(Tuple.of(odt(before), chunk))
                .map(result -> result.rowCount()));
    }

    static final String COLUMNS = """
            id, namespace, object_kind, object_name, reason, type, message, source, count, first_seen, last_seen, \
            recent_uids""";

    private static void condition(StringBuilder sql, Tuple params, String clause, String value) {
        if (value != null) {
            params.addString(value);
            sql.append(" and ").append(clause).append(params.size());
        }
    }

    private List<StoredEntry> toStoredList(RowSet<Row> rows) {
        List<StoredEntry> result = new ArrayList<>(rows.size());
        rows.forEach(r -> result.add(new StoredEntry(r.getUUID("id"), toEntry(r))));
        return result;
    }

    private EventEntry toEntry(Row r) {
        EventKey key = new EventKey(r.getString("namespace"), r.getString("object_kind"), r.getString("object_name"),
                r.getString("reason"));
        return new EventEntry(key, r.getString("type"), r.getString("message"), r.getString("source"),
                r.getLong("count"), instant(r.getOffsetDateTime("first_seen")),
                instant(r.getOffsetDateTime("last_seen")), RecentUids.read(r.getString("recent_uids")));
    }

    /** PostgreSQL's uuid order (unsigned bytes). */
    static int compareIds(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
