package io.mooring.health.repository;

import static io.mooring.health.repository.Times.instant;
import static io.mooring.health.repository.Times.odt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The latest inventory of each cluster, and when it was last published. */
@ApplicationScoped
public class InventoryRepository {

    /** A stored inventory; {@code json} is the canonical JSON of the {@code Inventory}. */
    public record Stored(UUID clusterId, UUID reportId, Instant observedAt, Instant receivedAt, String hash,
            String json) {
    }

    /** A stored inventory due for republishing, with what its event needs. */
    public record Due(Stored inventory, String project, String cloudType) {
    }

    private final Pool pool;

    public InventoryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Stored> latest(UUID clusterId) {
        return OnCaller.stay(pool.preparedQuery("""
                select cluster_id, report_id, observed_at, received_at, hash, inventory from cluster_inventory
                where cluster_id = $1""")
                .execute(Tuple.of(clusterId))
                .map(rows -> rows.iterator().hasNext() ? toStored(rows.iterator().next()) : null));
    }

    /** Report id and time of the stored inventory, without the inventory itself. */
    public Uni<Stored> latestHeader(UUID clusterId) {
        return OnCaller.stay(pool.preparedQuery("""
                select cluster_id, report_id, observed_at, received_at, hash, null as inventory from cluster_inventory
                where cluster_id = $1""")
                .execute(Tuple.of(clusterId))
                .map(rows -> rows.iterator().hasNext() ? toStored(rows.iterator().next()) : null));
    }

    /**
     * Stores a report in the current transaction unless the stored one is the same report or newer; true when
     * it was stored. Two instances receiving two reports at once keep the newer, whatever the commit order.
     */
    public Uni<Boolean> store(UUID clusterId, UUID reportId, Instant observedAt, Instant now, String hash, String json) {
        return Sql.update("""
                insert into cluster_inventory (cluster_id, report_id, observed_at, received_at, hash, inventory)
                values (:id, :report, :observed, :now, :hash, :json)
                on conflict (cluster_id) do update set report_id = excluded.report_id,
                    observed_at = excluded.observed_at, received_at = excluded.received_at, hash = excluded.hash,
                    inventory = excluded.inventory
                where cluster_inventory.observed_at <= excluded.observed_at
                  and cluster_inventory.report_id <> excluded.report_id""",
                "id", clusterId, "report", reportId, "observed", observedAt, "now", now, "hash", hash, "json", json)
                .map(n -> n == 1);
    }

    /**
     * Claims the publication of report {@code reportId} when its content differs from what was published
     * last, or the last publication is older than {@code republishBefore}; true for exactly one caller.
     */
    public Uni<Boolean> claimPublication(UUID clusterId, UUID reportId, String hash, Instant republishBefore,
            Instant now) {
        return Sql.update("""
                update cluster_inventory set published_hash = hash, published_at = :now
                where cluster_id = :id and report_id = :report
                  and (coalesce(published_hash, '') <> :hash
                       or coalesce(published_at, timestamptz '1970-01-01 00:00:00+00') < :before)""",
                "now", now, "id", clusterId, "report", reportId, "hash", hash, "before", republishBefore)
                .map(n -> n == 1);
    }

    /** Inventories of connected clusters last published before {@code before}, oldest first. */
    public Uni<List<Due>> republishDue(Instant before, int limit) {
        return OnCaller.stay(pool.preparedQuery("""
                select i.cluster_id, i.report_id, i.observed_at, i.received_at, i.hash, i.inventory, d.project,
                    d.cloud_type
                from cluster_inventory i join cluster_health h on h.cluster_id = i.cluster_id
                    join mooring_cluster d on d.cluster_id = i.cluster_id
                where i.published_at < $1 and h.connectivity = 'Connected'
                order by i.published_at limit $2""")
                .execute(Tuple.of(odt(before), limit))
                .map(rows -> {
                    List<Due> result = new ArrayList<>(rows.size());
                    rows.forEach(r -> result.add(new Due(toStored(r), r.getString("project"),
                            r.getString("cloud_type"))));
                    return result;
                }));
    }

    private static Stored toStored(Row r) {
        return new Stored(r.getUUID("cluster_id"), r.getUUID("report_id"), instant(r.getOffsetDateTime("observed_at")),
                instant(r.getOffsetDateTime("received_at")), r.getString("hash"), r.getString("inventory"));
    }
}
