package io.mooring.support.clusters;

import io.mooring.events.MooringEvent;
import io.mooring.support.clusters.ClusterChange.Kind;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.db.CallerContext;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The clusters this service knows, one table ({@code mooring_cluster}) fed by the lifecycle events, the same way
 * in every service. A service registers {@link #handler} with its idempotent consumer and adds only its own
 * {@link ClusterReactions}; it asks {@link #visibleTo} for "this cluster, if the caller may see it".
 */
@ApplicationScoped
public class ClusterDirectory {

    private final Pool pool;
    private final Clock clock;

    public ClusterDirectory(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The consumer's handler: the directory takes the event in, then the service reacts, in one transaction. */
    public Function<MooringEvent, Uni<Void>> handler(ClusterReactions reactions) {
        return event -> apply(event).flatMap(reactions::react);
    }

    /**
     * The consumer's batch handler (see {@code IdempotentConsumer.register}): the same outcome as {@link #handler}
     * applied to each event in turn, in a few statements. The batch is cut where a cluster comes back, so that
     * within a part each cluster has one event: the directory takes a part in at once, then the service reacts to
     * its changes in order, and every reaction finds the directory as it was right after its own event.
     */
    public Function<List<MooringEvent>, Uni<Void>> batchHandler(ClusterReactions reactions) {
        return events -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (List<MooringEvent> part : parts(events)) {
                chain = chain.flatMap(done -> applyAll(part)).flatMap(reactions::reactAll);
            }
            return chain;
        };
    }

    /** The events in order, cut before each event of a cluster the current part has already. */
    static List<List<MooringEvent>> parts(List<MooringEvent> events) {
        List<List<MooringEvent>> parts = new ArrayList<>();
        List<MooringEvent> part = new ArrayList<>();
        Set<UUID> clusters = new HashSet<>();
        for (MooringEvent event : events) {
            if (event.clusterId() != null && !clusters.add(event.clusterId())) {
                parts.add(part);
                part = new ArrayList<>();
                clusters.clear();
                clusters.add(event.clusterId());
            }
            part.add(event);
        }
        parts.add(part);
        return parts;
    }

    /**
     * Takes lifecycle events of distinct clusters in, inside the current transaction, as {@link #apply} would one
     * after the other: their rows are locked in one query (in cluster order, as another replica would lock them),
     * and written in one statement.
     */
    public Uni<List<ClusterChange>> applyAll(List<MooringEvent> events) {
        Instant now = clock.instant();
        Set<UUID> ids = new TreeSet<>();
        events.stream().map(MooringEvent::clusterId).filter(id -> id != null).forEach(ids::add);
        return Panache.getSession().flatMap(session -> (ids.isEmpty()
                ? Uni.createFrom().item(List.<DirectoryRecord>of())
                : session.createSelectionQuery("from DirectoryRecord where clusterId in :ids order by clusterId",
                        DirectoryRecord.class).setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList())
                .flatMap(found -> {
                    Map<UUID, ClusterEntry> current = new HashMap<>();
                    for (DirectoryRecord record : found) {
                        current.put(record.clusterId, record.entry());
                        // Written with plain SQL below: the session must not hold (and later hand out) stale rows.
                        session.detach(record);
                    }
                    List<ClusterChange> changes = new ArrayList<>(events.size());
                    JsonArray rows = new JsonArray();
                    for (MooringEvent event : events) {
                        ClusterChange change = DirectoryRules.apply(
                                event.clusterId() == null ? null : current.get(event.clusterId()), event, now);
                        changes.add(change);
                        if (change.kind() != Kind.OTHER && change.kind() != Kind.IGNORED) {
                            rows.add(row(change.entry()));
                        }
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(changes);
                    }
                    return session.createNativeQuery(UPSERT).setParameter("rows", rows.encode()).executeUpdate()
                            .replaceWith(changes);
                }));
    }

    // One statement for a whole part, its rows as one JSON parameter (plain SQL: decision 0027's "why" is the bulk).
    private static final String UPSERT = """
            insert into mooring_cluster (cluster_id, project, name, cloud_type, import_mode, imported_at, connected_at,
                deleted, deleted_at, updated_at)
            select cluster_id, project, name, cloud_type, import_mode, imported_at, connected_at, deleted, deleted_at,
                updated_at
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(cluster_id uuid, project text, name text,
                cloud_type text, import_mode text, imported_at timestamptz, connected_at timestamptz, deleted boolean,
                deleted_at timestamptz, updated_at timestamptz)
            on conflict (cluster_id) do update set project = excluded.project, name = excluded.name,
                cloud_type = excluded.cloud_type, import_mode = excluded.import_mode, imported_at = excluded.imported_at,
                connected_at = excluded.connected_at, deleted = excluded.deleted, deleted_at = excluded.deleted_at,
                updated_at = excluded.updated_at""";

    private static JsonObject row(ClusterEntry entry) {
        return new JsonObject().put("cluster_id", entry.clusterId().toString()).put("project", entry.project())
                .put("name", entry.name()).put("cloud_type", entry.cloudType()).put("import_mode", entry.importMode())
                .put("imported_at", text(entry.importedAt())).put("connected_at", text(entry.connectedAt()))
                .put("deleted", entry.deleted()).put("deleted_at", text(entry.deletedAt()))
                .put("updated_at", text(entry.updatedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * Takes one lifecycle event in, inside the current transaction. The row is locked first, so a cluster's events
     * are applied one at a time even when a partition moves between instances.
     */
    public Uni<ClusterChange> apply(MooringEvent event) {
        Instant now = clock.instant();
        if (event.clusterId() == null) {
            return Uni.createFrom().item(DirectoryRules.apply(null, event, now));
        }
        return Panache.getSession().flatMap(session -> session
                .find(DirectoryRecord.class, event.clusterId(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(record -> {
                    ClusterChange change = DirectoryRules.apply(record == null ? null : record.entry(), event, now);
                    if (change.kind() == Kind.OTHER || change.kind() == Kind.IGNORED) {
                        return Uni.createFrom().item(change);
                    }
                    DirectoryRecord target = record == null ? new DirectoryRecord() : record;
                    target.set(change.entry());
                    Uni<Void> stored = record == null ? session.persist(target) : Uni.createFrom().voidItem();
                    // Flushed now: the service's reactions may read the row with plain SQL in this transaction.
                    return stored.flatMap(v -> session.flush()).replaceWith(change);
                }));
    }

    /** The cluster's entry as last committed, or null; deleted ones included. */
    public Uni<ClusterEntry> find(UUID clusterId) {
        return CallerContext.stay(pool.preparedQuery("""
                select cluster_id, project, name, cloud_type, import_mode, imported_at, connected_at, deleted,
                    deleted_at, updated_at
                from mooring_cluster where cluster_id = $1""")
                .execute(Tuple.of(clusterId))
                .map(rows -> rows.iterator().hasNext() ? entry(rows.iterator().next()) : null));
    }

    /** The cluster if {@code caller} may see it; 404 for one unknown, invisible or deleted alike. */
    public Uni<ClusterEntry> visibleTo(UUID clusterId, Caller caller) {
        return visibleTo(clusterId, caller, Tombstones.HIDDEN);
    }

    /** As {@link #visibleTo(UUID, Caller)}, with deleted clusters answered as {@code tombstones} says. */
    public Uni<ClusterEntry> visibleTo(UUID clusterId, Caller caller, Tombstones tombstones) {
        return find(clusterId).map(entry -> ClusterVisibility.require(entry, caller, tombstones));
    }

    /** Whether the cluster is a tombstone (its agent is refused from now on). */
    public Uni<Boolean> isDeleted(UUID clusterId) {
        return find(clusterId).map(entry -> entry != null && entry.deleted());
    }

    private static ClusterEntry entry(Row r) {
        return new ClusterEntry(r.getUUID("cluster_id"), r.getString("project"), r.getString("name"),
                r.getString("cloud_type"), r.getString("import_mode"), instant(r.getOffsetDateTime("imported_at")),
                instant(r.getOffsetDateTime("connected_at")), r.getBoolean("deleted"),
                instant(r.getOffsetDateTime("deleted_at")), instant(r.getOffsetDateTime("updated_at")));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
