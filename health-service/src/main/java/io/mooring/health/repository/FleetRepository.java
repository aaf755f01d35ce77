package io.mooring.health.repository;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Fleet-wide counts and the clusters needing attention, limited to some projects (or none: all). Plain SQL on
 * the pool, not for speed: it reads the clusters table and its row mapping ({@link ClusterRepository}), and goes
 * with that table where it goes.
 */
@ApplicationScoped
public class FleetRepository {

    /** Clusters in one (connectivity, health) combination. */
    public record Count(String connectivity, String health, long clusters) {
    }

    private final Pool pool;

    public FleetRepository(Pool pool) {
        this.pool = pool;
    }

    /** @param projects the visible projects, or null for every project */
    public Uni<List<Count>> counts(String[] projects) {
        return OnCaller.stay(pool.preparedQuery("""
                select connectivity, coalesce(health, 'Unknown') as health, count(*) as clusters
                from cluster_health join mooring_cluster using (cluster_id)
                where ($1::text[] is null or project = any($1::text[]))
                group by connectivity, coalesce(health, 'Unknown')""")
                .execute(Tuple.tuple().addArrayOfString(projects))
                .map(rows -> {
                    List<Count> result = new ArrayList<>();
                    rows.forEach(r -> result.add(new Count(r.getString(0), r.getString(1), r.getLong(2))));
                    return result;
                }));
    }

    /**
     * Unhealthy, Disconnected and Degraded clusters, worst first and longest in that state first within a kind.
     */
    public Uni<List<ClusterRow>> needingAttention(String[] projects, int limit) {
        return OnCaller.stay(pool.preparedQuery("select " + ClusterRepository.COLUMNS + " from "
                + ClusterRepository.FROM + """
                where ($1::text[] is null or project = any($1::text[]))
                  and (health in ('Unhealthy', 'Degraded') or connectivity = 'Disconnected')
                order by case when health = 'Unhealthy' then 0 when connectivity = 'Disconnected' then 1 else 2 end,
                    coalesce(health_since, connectivity_since), cluster_id
                limit $2""")
                .execute(Tuple.tuple().addArrayOfString(projects).addInteger(limit))
                .map(ClusterRepository::toRows));
    }

}
