package io.mooring.cost.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * cost-service's record of each cluster: the pricing state its inventories build (cloud type, provider, observed
 * nodes), and a copy of the shared directory's project, name, mode and deletion that reports are scoped and named
 * by. Lifecycle events and inventories travel on different topics, so either may come first: each creates the
 * record if needed. What ClusterImported says (the type the user chose, the project) wins over what an inventory
 * carries.
 */
@ApplicationScoped
public class ClusterRepository {

    public Uni<Void> imported(Mutiny.Session session, UUID id, String project, String name, String cloudType,
            String provider, String importMode, Instant importedAt, Instant now) {
        return session.createNativeQuery("""
                insert into cost_cluster (id, project, name, cloud_type, provider, import_mode, imported_at, updated_at)
                values (:id, :project, :name, :cloudType, :provider, :mode, :at, :now)
                on conflict (id) do update set project = excluded.project, name = excluded.name,
                    cloud_type = excluded.cloud_type, provider = excluded.provider,
                    import_mode = excluded.import_mode, imported_at = excluded.imported_at, updated_at = :now""")
                .setParameter("id", id)
                .setParameter("project", project)
                .setParameter("name", name)
                .setParameter("cloudType", cloudType)
                .setParameter("provider", provider)
                .setParameter("mode", importMode)
                .setParameter("at", importedAt)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Creates the record from an inventory unless it exists; until ClusterImported is seen, its type and project apply. */
    public Uni<Void> seen(Mutiny.Session session, UUID id, String project, String cloudType, String provider) {
        return session.createNativeQuery("""
                insert into cost_cluster (id, project, cloud_type, provider, updated_at)
                values (:id, :project, :cloudType, :provider, now())
                on conflict (id) do update set
                    project = case when cost_cluster.imported_at is null then excluded.project else cost_cluster.project end,
                    cloud_type = case when cost_cluster.imported_at is null then excluded.cloud_type else cost_cluster.cloud_type end,
                    provider = case when cost_cluster.imported_at is null then excluded.provider else cost_cluster.provider end""")
                .setParameter("id", id)
                .setParameter("project", project)
                .setParameter("cloudType", cloudType)
                .setParameter("provider", provider)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The mode of a cluster cost already knows (ClusterConnected, ModeChanged). */
    public Uni<Void> modeChanged(Mutiny.Session session, UUID id, String mode, Instant now) {
        return session.createNativeQuery("""
                update cost_cluster set import_mode = :mode, updated_at = :now
                where id = :id and import_mode is distinct from :mode""")
                .setParameter("id", id)
                .setParameter("mode", mode)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** Marks the cluster deleted (the first deletion time stays); its cost history is kept for billing. */
    public Uni<Void> deleted(Mutiny.Session session, UUID id, String project, Instant at, Instant now) {
        return session.createNativeQuery("""
                insert into cost_cluster (id, project, cloud_type, provider, deleted_at, updated_at)
                values (:id, :project, 'generic', 'generic', :at, :now)
                on conflict (id) do update set deleted_at = coalesce(cost_cluster.deleted_at, excluded.deleted_at),
                    updated_at = :now""")
                .setParameter("id", id)
                .setParameter("project", project)
                .setParameter("at", at)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The record, locked until the transaction ends, so one cluster's inventories accrue one at a time. */
    public Uni<ClusterRecord> lock(Mutiny.Session session, UUID id) {
        return session.find(ClusterRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A cluster an inventory names, with what the inventory says of it (see {@link #seen}). */
    public record Seen(UUID id, String project, String cloudType, String provider) {
    }

    /**
     * {@link #seen} for a batch's clusters in one statement, each once (the caller passes the last inventory's
     * values of each, as record-by-record handling would leave them), in id order like {@link #lockAll}.
     */
    public Uni<Void> seenAll(Mutiny.Session session, List<Seen> clusters) {
        List<Map<String, String>> rows = clusters.stream().sorted(Comparator.comparing(Seen::id))
                .map(c -> {
                    Map<String, String> row = new HashMap<>();
                    row.put("id", c.id().toString());
                    row.put("project", c.project());
                    row.put("ct", c.cloudType());
                    row.put("pr", c.provider());
                    return row;
                }).toList();
        return session.createNativeQuery("""
                insert into cost_cluster (id, project, cloud_type, provider, updated_at)
                select v.id, v.project, v.ct, v.pr, now()
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as v(id uuid, project text, ct text, pr text)
                order by v.id
                on conflict (id) do update set
                    project = case when cost_cluster.imported_at is null then excluded.project else cost_cluster.project end,
                    cloud_type = case when cost_cluster.imported_at is null then excluded.cloud_type else cost_cluster.cloud_type end,
                    provider = case when cost_cluster.imported_at is null then excluded.provider else cost_cluster.provider end""")
                .setParameter("rows", JsonRows.of(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    /** {@link #lock} for many clusters in one query, locked in id order (so two batches cannot deadlock). */
    public Uni<List<ClusterRecord>> lockAll(Mutiny.Session session, Collection<UUID> ids) {
        return session.createSelectionQuery("from ClusterRecord c where c.id in :ids order by c.id", ClusterRecord.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Writes what accruing left in each cluster's record (first and last observation, last nodes) in one statement,
     * in id order: the records are locked by this transaction ({@link #lockAll}).
     */
    public Uni<Void> observedAll(Mutiny.Session session, List<ClusterRecord> clusters) {
        if (clusters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, String>> rows = clusters.stream().sorted(Comparator.comparing(c -> c.id)).map(c -> {
            Map<String, String> row = new HashMap<>();
            row.put("id", c.id.toString());
            row.put("f", c.firstObservedAt.toString());
            row.put("l", c.lastObservedAt.toString());
            row.put("nodes", c.lastNodes);
            row.put("at", c.updatedAt.toString());
            return row;
        }).toList();
        return session.createNativeQuery("""
                update cost_cluster c set first_observed_at = v.f, last_observed_at = v.l,
                    last_nodes = v.nodes, updated_at = v.at
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as v(id uuid, f timestamptz,
                    l timestamptz, nodes text, at timestamptz)
                where c.id = v.id""")
                .setParameter("rows", JsonRows.of(rows))
                .executeUpdate()
                .replaceWithVoid();
    }
}
