package io.mooring.cost.repository;

import io.mooring.cost.domain.AccrualResult;
import io.mooring.cost.domain.CostLine;
import io.mooring.cost.repository.Rollups.Dimension;
import io.mooring.cost.repository.Rollups.Granularity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes what an inventory accrued, inside the caller's transaction (the session is the current one, opened by
 * the consumer): the inventory's natural key first (a replay stops there), then every line and every roll-up in
 * one statement.
 *
 * <p>Plain SQL, the documented exception to Panache: this is the accrual's hot path. One inventory of a 50-node
 * cluster running 20 workloads a node is over a thousand lines a clock hour, each added to sixteen roll-up tables.
 * As entities that would be a thousand inserts and a read-modify-write of every roll-up row (which two consumers
 * adding to one project's rows could lose without locks); here it is one round trip ({@code jsonb_to_recordset}
 * and data-modifying CTEs with {@code on conflict do update}, adding to the rows in place, in key order), which
 * HQL cannot express. {@code CostReportBenchmark#accrualThroughput} measures it.
 */
@ApplicationScoped
public class AccrualRepository {

    static final String LINE_COLUMNS = """
            id uuid, hour timestamptz, day timestamptz, ps timestamptz, pe timestamptz, kind text, node text,
            ns text, wk text, wn text, vol text, sc text, pods int, cur text, cpu numeric, mem numeric,
            gpu numeric, sto numeric, tot numeric, idle numeric, used numeric, cch numeric, mgh numeric,
            gh numeric, sgh numeric, rcch numeric, rmgh numeric, ucch numeric, umgh numeric, r_ns text,
            r_node text, r_wns text, r_wk text, r_wn text, labels jsonb""";

    static final String WRITE_LINES = writeLinesSql();

    private static String writeLinesSql() {
        List<String> ctes = new ArrayList<>();
        ctes.add("src as (select * from jsonb_to_recordset(cast(cast(:lines as text) as jsonb)) as t(" + LINE_COLUMNS + "))");
        ctes.add("""
                ins as (insert into cost_line (id, cluster_id, observed_at, hour_start, period_start, period_end,
                    kind, node, namespace, workload_kind, workload_name, volume, storage_class, pods, currency,
                    cpu_cost, memory_cost, gpu_cost, storage_cost, total_cost, used_cost, cpu_core_hours,
                    memory_gib_hours, gpu_hours, storage_gib_hours, requested_cpu_core_hours,
                    requested_memory_gib_hours, used_cpu_core_hours, used_memory_gib_hours)
                  select t.id, :cluster, :observed, t.hour, t.ps, t.pe, t.kind, t.node, t.ns, t.wk, t.wn, t.vol,
                    t.sc, t.pods, t.cur, t.cpu, t.mem, t.gpu, t.sto, t.tot, t.used, t.cch, t.mgh, t.gh, t.sgh,
                    t.rcch, t.rmgh, t.ucch, t.umgh
                  from src t
                  on conflict (id) do nothing
                  returning id)""");
        ctes.add("n as (select src.* from src join ins using (id))");
        int i = 0;
        for (Dimension dimension : Dimension.values()) {
            for (Granularity granularity : Granularity.values()) {
                ctes.add(Rollups.upsert("u" + i++, dimension, granularity));
            }
        }
        return "with " + String.join(",\n", ctes) + "\nselect count(*) from ins";
    }

    /**
     * Records the inventory under its natural key; false when it was there already (a replay under another
     * event id), in which case nothing else may be written.
     */
    public Uni<Boolean> recordInventory(UUID clusterId, Instant observedAt, UUID reportId, AccrualResult result) {
        BigDecimal total = result.lines().stream().map(CostLine::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into cost_inventory (cluster_id, observed_at, report_id, window_from, window_to, capped,
                    lines, total_cost, warnings)
                values (:cluster, :observed, :report, :from, :to, :capped, :lines, :total, nullif(:warnings, ''))
                on conflict (cluster_id, observed_at) do nothing""")
                .setParameter("cluster", clusterId)
                .setParameter("observed", observedAt)
                .setParameter("report", reportId)
                .setParameter("from", result.window().from())
                .setParameter("to", result.window().to())
                .setParameter("capped", result.window().capped())
                .setParameter("lines", result.lines().size())
                .setParameter("total", total)
                .setParameter("warnings", String.join("\n", result.warnings()))
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Inserts the lines that are new (by natural key) and adds exactly those to every roll-up; their count. */
    public Uni<Long> writeLines(UUID clusterId, String project, Instant observedAt, List<CostLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(WRITE_LINES)
                .setParameter("lines", LineBatch.toJson(lines))
                .setParameter("cluster", clusterId)
                .setParameter("project", project)
                .setParameter("observed", observedAt)
                .getSingleResult())
                .map(count -> ((Number) count).longValue());
    }

    /**
     * The cluster's cost in {@code currency} from {@code from} (a month's first day, UTC) to {@code to}, from the
     * daily roll-up, which this transaction's lines are already in: what the month-to-date event carries.
     */
    public Uni<BigDecimal> costBetween(UUID clusterId, Instant from, Instant to, String currency) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                select cast(coalesce(sum(total_cost), 0) as numeric) / 1000000000 from cost_cluster_day
                where cluster_id = :cluster and bucket >= :from and bucket < :to and currency = :currency""",
                BigDecimal.class)
                .setParameter("cluster", clusterId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("currency", currency)
                .getSingleResult());
    }
}
