package io.mooring.health.repository;

import static io.mooring.health.repository.Times.instant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The latest inventory of each cluster, and when it was last published. A Panache repository, the default: an
 * inventory arrives every few minutes per cluster, no hot path. Storing and claiming a publication stay native
 * statements through the same session, as they are conditional upserts (compare-and-set) that HQL cannot say.
 */
@ApplicationScoped
public class InventoryRepository implements PanacheRepositoryBase<InventoryRecord, UUID> {

    /** A stored inventory; {@code json} is the canonical JSON of the {@code Inventory}. */
    public record Stored(UUID clusterId, UUID reportId, Instant observedAt, Instant receivedAt, String hash,
            String json) {
    }

    /** A stored inventory due for republishing, with what its event needs. */
    public record Due(Stored inventory, String project, String cloudType) {
    }

    public Uni<Stored> latest(UUID clusterId) {
        return Panache.withSession(() -> findById(clusterId)).map(r -> r == null ? null
                : new Stored(r.clusterId, r.reportId, r.observedAt, r.receivedAt, r.hash, r.inventory));
    }

    /**
     * Stores a report in the current transaction unless the stored one is the same report or newer; true when
     * it was stored. Two instances receiving two reports at once keep the newer, whatever the commit order.
     */
    public Uni<Boolean> store(UUID clusterId, UUID reportId, Instant observedAt, Instant now, String hash, String json) {
        return CurrentSession.update("""
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
        return CurrentSession.update("""
                update cluster_inventory set published_hash = hash, published_at = :now
                where cluster_id = :id and report_id = :report
                  and (coalesce(published_hash, '') <> :hash
                       or coalesce(published_at, timestamptz '1970-01-01 00:00:00+00') < :before)""",
                "now", now, "id", clusterId, "report", reportId, "hash", hash, "before", republishBefore)
                .map(n -> n == 1);
    }

    /** Inventories of connected clusters last published before {@code before}, oldest first. */
    public Uni<List<Due>> republishDue(Instant before, int limit) {
        // A join with the clusters table and the shared directory, which have no entity here: a native query
        // through the session.
        return Panache.withSession(() -> getSession().flatMap(session -> session.createNativeQuery("""
                        select i.cluster_id, i.report_id, i.observed_at, i.received_at, i.hash, i.inventory, d.project,
                            d.cloud_type
                        from cluster_inventory i join cluster_health h on h.cluster_id = i.cluster_id
                            join mooring_cluster d on d.cluster_id = i.cluster_id
                        where i.published_at < :before and h.connectivity = 'Connected'
                        order by i.published_at limit :limit""", Object[].class)
                        .setParameter("before", before).setParameter("limit", limit)
                        .getResultList()))
                .map(rows -> rows.stream().map(r -> new Due(new Stored((UUID) r[0], (UUID) r[1], instant((OffsetDateTime) r[2]),
                        instant((OffsetDateTime) r[3]), (String) r[4], (String) r[5]), (String) r[6], (String) r[7])).toList());
    }
}
