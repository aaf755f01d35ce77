package io.mooring.support.clusters;

import io.mooring.events.MooringEvent;
import io.mooring.support.clusters.ClusterChange.Kind;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.db.CallerContext;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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
