package io.mooring.cost.repository;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pre-aggregated tables ({@code cost_<dimension>_<hour|day>}): their key columns and the measures they
 * all share. Used to write them (accrual) and to read them (reports).
 */
public final class Rollups {

    /**
     * The measures every roll-up (and every report row) has, summed. Roll-ups keep them as integers of
     * {@link #UNIT} (billionths): exact for the nine decimals of the lines, and fast to sum.
     */
    public static final List<String> MEASURES = List.of("cpu_cost", "memory_cost", "gpu_cost", "storage_cost",
            "total_cost", "idle_cost", "used_cost", "cpu_core_hours", "memory_gib_hours", "gpu_hours",
            "storage_gib_hours");

    /** Roll-up measures are integers of 10^-UNIT: nano-currency, nano-core-hours... */
    public static final int UNIT = 9;

    /** The field of each measure in a {@link LineBatch} element, in {@link #MEASURES} order. */
    static final List<String> LINE_FIELDS = List.of("cpu", "mem", "gpu", "sto", "tot", "idle", "used", "cch", "mgh",
            "gh", "sgh");

    /**
     * A roll-up: by cluster ({@code cluster_id} leads its key) or, for fleet reports by name, by project
     * ({@code project} leads), then the bucket, the dimension's keys and the currency.
     */
    public enum Dimension {
        CLUSTER("cluster", false, List.of(), List.of()),
        NAMESPACE("namespace", false, List.of("namespace"), List.of("coalesce(n.r_ns, '')")),
        NODE("node", false, List.of("node"), List.of("coalesce(n.r_node, '')")),
        WORKLOAD("workload", false, List.of("namespace", "workload_kind", "workload_name"),
                List.of("coalesce(n.r_wns, '')", "coalesce(n.r_wk, '')", "coalesce(n.r_wn, '')")),
        LABEL("label", false, List.of("label_key", "label_value"), List.of("l.key", "l.value")),
        PROJECT_NAMESPACE("project_namespace", true, NAMESPACE.keys, NAMESPACE.fromLine),
        PROJECT_WORKLOAD("project_workload", true, WORKLOAD.keys, WORKLOAD.fromLine),
        PROJECT_LABEL("project_label", true, LABEL.keys, LABEL.fromLine);

        private final String table;
        private final boolean byProject;
        private final List<String> keys;
        private final List<String> fromLine;

        Dimension(String table, boolean byProject, List<String> keys, List<String> fromLine) {
            this.table = table;
            this.byProject = byProject;
            this.keys = keys;
            this.fromLine = fromLine;
        }

        public String table(Granularity granularity) {
            return "cost_" + table + "_" + granularity.suffix;
        }

        /** The column the table is kept by: {@code cluster_id} or {@code project}. */
        public String owner() {
            return byProject ? "project" : "cluster_id";
        }

        /** The key columns besides the owner, bucket and currency. */
        public List<String> keys() {
            return keys;
        }

        /** The same dimension kept by project, for fleet reports; itself when it has none. */
        public Dimension fleet() {
            return switch (this) {
                case NAMESPACE -> PROJECT_NAMESPACE;
                case WORKLOAD -> PROJECT_WORKLOAD;
                case LABEL -> PROJECT_LABEL;
                default -> this;
            };
        }
    }

    public enum Granularity {
        HOUR("hour", "n.hour"), DAY("day", "n.day");

        private final String suffix;
        private final String bucket;

        Granularity(String suffix, String bucket) {
            this.suffix = suffix;
            this.bucket = bucket;
        }
    }

    private Rollups() {
    }

    /**
     * The data-modifying CTE that adds the new lines ({@code n}) to one roll-up: sums per key, then adds the
     * sums to the rows already there. Each key occurs once in the sums, as one upsert requires.
     */
    static String upsert(String cte, Dimension dimension, Granularity granularity) {
        String table = dimension.table(granularity);
        // Lines carry their cluster and project: one statement may write the lines of many inventories.
        String owner = dimension.byProject ? "n.prj" : "n.cl";
        StringBuilder keyColumns = new StringBuilder(dimension.owner() + ", bucket");
        StringBuilder keyValues = new StringBuilder(owner + ", " + granularity.bucket);
        for (int i = 0; i < dimension.keys.size(); i++) {
            keyColumns.append(", ").append(dimension.keys.get(i));
            keyValues.append(", ").append(dimension.fromLine.get(i));
        }
        keyColumns.append(", currency");
        keyValues.append(", n.cur");
        String sums = IntStream.range(0, MEASURES.size())
                .mapToObj(i -> "cast(sum(n." + LINE_FIELDS.get(i) + ") * 1000000000 as bigint)")
                .collect(Collectors.joining(", "));
        String updates = MEASURES.stream()
                .map(m -> m + " = r." + m + " + excluded." + m)
                .collect(Collectors.joining(", "));
        String from = dimension.keys.contains("label_key") ? "n cross join lateral jsonb_each_text(n.labels) l" : "n";
        String groups = keyValues.toString();
        // Rows are upserted in key order, so that transactions adding to the same rows (clusters of one project,
        // on different consumers) lock them in the same order and cannot deadlock.
        return cte + " as (insert into " + table + " as r (" + keyColumns + ", " + String.join(", ", MEASURES) + ")"
                + " select " + keyValues + ", " + sums + " from " + from
                + " group by " + groups + " order by " + groups
                + " on conflict (" + keyColumns + ") do update set " + updates + ")";
    }
}
