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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            cl uuid, prj text, obs timestamptz, id uuid, hour timestamptz, day timestamptz, ps timestamptz, pe timestamptz, kind text, node text,
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
                  select t.id, t.cl, t.obs, t.hour, t.ps, t.pe, t.kind, t.node, t.ns, t.wk, t.wn, t.vol,
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
        BigDecimal total = total(result);
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

    /**
     * Inserts the lines that are new (by natural key) and adds exactly those to every roll-up; their count. One
     * statement for the lines of any number of inventories (a batch's): each roll-up row they share is added to
     * once, with their sum.
     */
    public Uni<Long> writeLines(List<LineBatch.InventoryLines> inventories) {
        if (inventories.stream().allMatch(inventory -> inventory.lines().isEmpty())) {
            return Uni.createFrom().item(0L);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(WRITE_LINES)
                .setParameter("lines", LineBatch.toJson(inventories))
                .getSingleResult())
                .map(count -> ((Number) count).longValue());
    }

    /**
     * Records a batch's inventories under their natural keys (their cluster's row locked, each newer than the
     * cluster's last): how many were new. Fewer than given means one was there already, which only the record by
     * record path ({@link #recordInventory}) tells apart.
     */
    public Uni<Integer> recordInventories(List<Recorded> inventories) {
        List<Map<String, String>> rows = new ArrayList<>(inventories.size());
        for (Recorded inventory : inventories) {
            AccrualResult result = inventory.result();
            Map<String, String> row = new HashMap<>();
            row.put("cl", inventory.clusterId().toString());
            row.put("obs", inventory.observedAt().toString());
            row.put("rep", inventory.reportId() == null ? null : inventory.reportId().toString());
            row.put("wf", result.window().from().toString());
            row.put("wt", result.window().to().toString());
            row.put("capped", Boolean.toString(result.window().capped()));
            row.put("n", Integer.toString(result.lines().size()));
            row.put("total", total(result).toPlainString());
            row.put("warnings", result.warnings().isEmpty() ? null : String.join("\n", result.warnings()));
            rows.add(row);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into cost_inventory (cluster_id, observed_at, report_id, window_from, window_to, capped,
                    lines, total_cost, warnings)
                select t.cl, t.obs, t.rep, t.wf, t.wt, t.capped, t.n, t.total, t.warnings
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as t(cl uuid, obs timestamptz, rep uuid,
                    wf timestamptz, wt timestamptz, capped boolean, n int, total numeric, warnings text)
                on conflict (cluster_id, observed_at) do nothing""")
                .setParameter("rows", JsonRows.of(rows))
                .executeUpdate());
    }

    /** An inventory to record: its cluster, observation time (microseconds), report and what it accrued. */
    public record Recorded(UUID clusterId, Instant observedAt, UUID reportId, AccrualResult result) {
    }

    private static BigDecimal total(AccrualResult result) {
        return result.lines().stream().map(CostLine::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * For each (cluster, from, to), in order, the cluster's cost in {@code currency} over that span, from the daily
     * roll-up: {@link #costBetween} for a batch's clusters in one round trip.
     */
    public Uni<List<BigDecimal>> costsBetween(List<UUID> clusters, List<Instant> from, List<Instant> to,
            String currency) {
        List<Map<String, String>> rows = new ArrayList<>(clusters.size());
        for (int i = 0; i < clusters.size(); i++) {
            rows.add(Map.of("i", Integer.toString(i), "cl", clusters.get(i).toString(), "f", from.get(i).toString(),
                    "t", to.get(i).toString()));
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                select cast(coalesce((select sum(d.total_cost) from cost_cluster_day d where d.cluster_id = v.cl
                    and d.bucket >= v.f and d.bucket < v.t and d.currency = :currency), 0) as numeric) / 1000000000
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as v(i int, cl uuid, f timestamptz,
                    t timestamptz)
                order by v.i""", BigDecimal.class)
                .setParameter("rows", JsonRows.of(rows))
                .setParameter("currency", currency)
                .getResultList());
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
