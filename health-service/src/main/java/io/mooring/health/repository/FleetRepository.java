package io.mooring.health.repository;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fleet-wide counts, the clusters needing attention and the rows of a page of clusters, limited to some projects
 * (or none: all). Plain SQL on the pool (decision 0027, exception 2), not for speed: it reads the clusters table
 * and its row mapping ({@link ClusterRepository}), and goes with that table where it goes. The event rates read
 * the event log, which is plain SQL for its own reasons ({@link EventRepository}); their statement also needs a
 * lateral {@code generate_series} over each entry's hours, which HQL cannot say.
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


    /** The rows of {@code ids} that are in {@code projects} (null: any project); the others are not returned. */
    public Uni<List<ClusterRow>> clusters(UUID[] ids, String[] projects) {
        return OnCaller.stay(pool.preparedQuery("select " + ClusterRepository.COLUMNS + " from "
                + ClusterRepository.FROM + """
                 where cluster_id = any($1::uuid[]) and ($2::text[] is null or project = any($2::text[]))""")
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(projects))
                .map(ClusterRepository::toRows));
    }

    /**
     * For each of {@code ids}, how many event-log entries were happening in each of {@code hours} hours from
     * {@code from} (an entry is happening in an hour when it was last seen at or after the hour's start and first
     * seen before its end, as {@code listClusterEvents} selects with from and to); hours without any are zero.
     * One statement for the whole page: {@code cluster_event_newest} (cluster_id, seen_mark desc) finds each
     * cluster's entries of the window by an index range scan (an entry seen since {@code from} has its mark above
     * {@code from} less the mark's lag), and each entry is joined to the hours it spans. The
     * hours are a constant series, so the planner knows there are {@code hours} of them (a series bounded by each
     * entry's times it takes for 1,000 rows, and sizes the aggregation for that: twice as slow), and the hour
     * indexes are computed in double precision ({@code date_part}), not numeric. 100 clusters of 250 entries each
     * over 14 days, 500,000 entries in all: 15 to 17 ms on a loaded 2-core machine.
     *
     * @return per cluster, the counts by hour index (0 is the hour starting at {@code from})
     */
    public Uni<Map<UUID, long[]>> eventRates(UUID[] ids, Instant from, int hours) {
        Instant to = from.plusSeconds(3600L * hours);
        return OnCaller.stay(pool.preparedQuery("""
                select e.cluster_id, h.i, count(*)
                from (select cluster_id,
                             floor(date_part('epoch', first_seen - $2) / 3600)::int as first_hour,
                             floor(date_part('epoch', last_seen - $2) / 3600)::int as last_hour
                      from cluster_event
                      where cluster_id = any($1::uuid[]) and seen_mark > $2 - %s and last_seen >= $2
                            and first_seen < $3) e
                join generate_series(0, %d) as h(i) on h.i between e.first_hour and e.last_hour
                group by e.cluster_id, h.i""".formatted(EventRepository.MARK_LAG, hours - 1))
                .execute(Tuple.tuple().addArrayOfUUID(ids).addOffsetDateTime(Times.odt(from))
                        .addOffsetDateTime(Times.odt(to)))
                .map(rows -> {
                    Map<UUID, long[]> rates = new HashMap<>();
                    rows.forEach(r -> rates.computeIfAbsent(r.getUUID(0), id -> new long[hours])[r.getInteger(1)] =
                            r.getLong(2));
                    return rates;
                }));
    }
}
