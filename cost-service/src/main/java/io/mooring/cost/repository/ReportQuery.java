package io.mooring.cost.repository;

import io.mooring.cost.repository.Rollups.Dimension;
import io.mooring.cost.repository.Rollups.Granularity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the SQL of a cost report over the roll-ups: whole UTC days of the window from the {@code *_day}
 * tables, the hours before the first and after the last whole day from the {@code *_hour} tables (all of it
 * from them with an hourly step), summed by the report's groups. A pure function, so the benchmark runs
 * exactly what the service runs.
 *
 * <p>Result columns: {@code cid, cname, project, provider, cloud_type, deleted_at, d1, d2, d3, b, currency}
 * and the {@link Rollups#MEASURES}; what a grouping does not use is null.
 */
public final class ReportQuery {

    /** What a report groups by, as far as the SQL goes. */
    public enum Grouping {
        CLUSTER, PROJECT, PROVIDER, NAMESPACE, NODE, WORKLOAD, LABEL
    }

    /** Time breakdown: none, hourly or daily buckets. */
    public enum Bucket {
        NONE, HOUR, DAY
    }

    /**
     * Which clusters: one ({@code clusterId}), or those of the projects listed (all: {@code projects} null),
     * narrowed to {@code clusters} when that is not null (a fleet page's clusters).
     */
    public record Scope(UUID clusterId, List<String> projects, List<UUID> clusters) {

        public static Scope cluster(UUID id) {
            return new Scope(Objects.requireNonNull(id), null, null);
        }

        public static Scope fleet(List<String> projects) {
            return fleet(projects, null);
        }

        public static Scope fleet(List<String> projects, List<UUID> clusters) {
            return new Scope(null, projects == null ? null : List.copyOf(projects),
                    clusters == null ? null : List.copyOf(clusters));
        }
    }

    /** A part of the window read from one granularity. */
    public record Segment(Granularity granularity, Instant from, Instant to) {
    }

    /** SQL with positional parameters ($1...). */
    public record Sql(String text, List<Object> parameters) {
    }

    private ReportQuery() {
    }

    /** The window cut into the hours before the first whole day, the whole days, and the hours after. */
    public static List<Segment> segments(Instant from, Instant to, Bucket bucket) {
        List<Segment> segments = new ArrayList<>();
        if (bucket == Bucket.HOUR) {
            segments.add(new Segment(Granularity.HOUR, from, to));
            return segments;
        }
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(from)) {
            firstDay = firstDay.plus(1, ChronoUnit.DAYS);
        }
        Instant lastDay = to.truncatedTo(ChronoUnit.DAYS);
        if (!firstDay.isBefore(lastDay)) {
            segments.add(new Segment(Granularity.HOUR, from, to));
            return segments;
        }
        if (from.isBefore(firstDay)) {
            segments.add(new Segment(Granularity.HOUR, from, firstDay));
        }
        segments.add(new Segment(Granularity.DAY, firstDay, lastDay));
        if (lastDay.isBefore(to)) {
            segments.add(new Segment(Granularity.HOUR, lastDay, to));
        }
        return segments;
    }

    /**
     * The report's SQL. Rows are summed per cluster (or per name) first and joined to {@code cost_cluster} only
     * then, so the join sees one row per cluster rather than one per cluster and day. Fleet reports by
     * namespace, workload and label read the roll-ups kept by project; a caller's projects narrow every scan.
     */
    public static Sql build(Scope scope, Instant from, Instant to, Grouping grouping, String labelKey, Bucket bucket,
            int limit) {
        List<Object> parameters = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        boolean fleet = scope.clusterId() == null;
        String cluster = fleet ? null : param(parameters, scope.clusterId());
        String projects = fleet && scope.projects() != null
                ? param(parameters, scope.projects().toArray(String[]::new))
                : null;
        String clusters = fleet && scope.clusters() != null
                ? param(parameters, scope.clusters().toArray(UUID[]::new))
                : null;
        // Listed clusters are read from the roll-ups kept by cluster, which their ids narrow through the key.
        boolean byProject = fleet && clusters == null;
        String key = grouping == Grouping.LABEL ? param(parameters, Objects.requireNonNull(labelKey)) : null;
        for (Segment segment : segments(from, to, bucket)) {
            String start = param(parameters, utc(segment.from()));
            String end = param(parameters, utc(segment.to()));
            String range = " where r.bucket >= " + start + " and r.bucket < " + end;
            Granularity g = segment.granularity();
            switch (grouping) {
                case CLUSTER, PROJECT, PROVIDER -> parts.add(select(Dimension.CLUSTER, g, "''", "''", "''", "",
                        range + scope(Dimension.CLUSTER, cluster, projects, clusters)));
                case NODE -> parts.add(select(Dimension.NODE, g, "r.node", "''", "''", "",
                        range + scope(Dimension.NODE, cluster, projects, clusters)));
                case NAMESPACE -> {
                    Dimension d = byProject ? Dimension.NAMESPACE.fleet() : Dimension.NAMESPACE;
                    parts.add(select(d, g, "r.namespace", "''", "''", "",
                            range + scope(d, cluster, projects, clusters)));
                }
                case WORKLOAD -> {
                    Dimension d = byProject ? Dimension.WORKLOAD.fleet() : Dimension.WORKLOAD;
                    parts.add(select(d, g, "r.namespace", "r.workload_kind", "r.workload_name", "",
                            range + scope(d, cluster, projects, clusters)));
                }
                case LABEL -> {
                    // Labelled cost under its value; what is neither labelled nor idle under __unallocated__
                    // (all non-idle cost, from the namespace roll-up, less the labelled cost); idle as __idle__.
                    Dimension labels = byProject ? Dimension.LABEL.fleet() : Dimension.LABEL;
                    Dimension namespaces = byProject ? Dimension.NAMESPACE.fleet() : Dimension.NAMESPACE;
                    String labelled = range + " and r.label_key = " + key
                            + scope(labels, cluster, projects, clusters);
                    parts.add(select(labels, g, "r.label_value", "''", "''", "", labelled));
                    parts.add(select(labels, g, "'" + LineBatch.UNALLOCATED + "'", "''", "''", "-", labelled));
                    parts.add(select(namespaces, g, "case when r.namespace = '" + LineBatch.IDLE + "' then '"
                            + LineBatch.IDLE + "' else '" + LineBatch.UNALLOCATED + "' end", "''", "''", "",
                            range + scope(namespaces, cluster, projects, clusters)));
                }
            }
        }
        String b = switch (bucket) {
            case NONE -> "cast(null as timestamptz)";
            case HOUR -> "u.bucket";
            case DAY -> "date_trunc('day', u.bucket, 'UTC')";
        };
        String union = "(" + String.join(" union all ", parts) + ") u";
        String sums = sums("u");
        String nulls = "cast(null as uuid) as cid, cast(null as text) as cname, ";
        String sql = switch (grouping) {
            case CLUSTER, NODE -> "select c.id as cid, c.name as cname, c.project as project, c.provider as provider,"
                    + " c.cloud_type as cloud_type, c.deleted_at as deleted_at,"
                    + (grouping == Grouping.NODE ? " s.d1 as d1," : " cast(null as text) as d1,")
                    + " cast(null as text) as d2, cast(null as text) as d3, s.b as b, s.currency as currency, "
                    + Rollups.MEASURES.stream().map(m -> "s." + m).collect(Collectors.joining(", "))
                    + " from (select u.owner, u.d1, " + b + " as b, u.currency, " + sums + " from " + union
                    + " group by u.owner, u.d1, b, u.currency) s join cost_cluster c on c.id = s.owner";
            // One cluster's rows map to one project or provider: join first, sum once.
            case PROJECT, PROVIDER -> "select " + nulls
                    + (grouping == Grouping.PROJECT
                            ? "c.project as project, cast(null as text) as provider,"
                            : "cast(null as text) as project, c.provider as provider,")
                    + " cast(null as text) as cloud_type, cast(null as timestamptz) as deleted_at,"
                    + " cast(null as text) as d1, cast(null as text) as d2, cast(null as text) as d3,"
                    + " " + b + " as b, u.currency as currency, " + sums
                    + " from " + union + " join cost_cluster c on c.id = u.owner"
                    + " group by " + (grouping == Grouping.PROJECT ? "c.project" : "c.provider") + ", b, u.currency";
            default -> "select " + nulls + "cast(null as text) as project, cast(null as text) as provider,"
                    + " cast(null as text) as cloud_type, cast(null as timestamptz) as deleted_at,"
                    + " u.d1 as d1, u.d2 as d2, u.d3 as d3, " + b + " as b, u.currency as currency, " + sums
                    + " from " + union + " group by u.d1, u.d2, u.d3, b, u.currency";
        };
        return new Sql(sql + " limit " + Math.max(1, limit), parameters);
    }

    private static String sums(String alias) {
        return Rollups.MEASURES.stream().map(m -> "sum(" + alias + "." + m + ") as " + m)
                .collect(Collectors.joining(", "));
    }

    /**
     * Which rows of a roll-up: one cluster's, the listed projects' (by project or by their clusters), or all;
     * the listed clusters' among them when {@code clusters} is given.
     */
    private static String scope(Dimension dimension, String cluster, String projects, String clusters) {
        if (cluster != null) {
            return " and r.cluster_id = " + cluster;
        }
        if (clusters != null) {
            return " and r.cluster_id = any(" + clusters + ")" + (projects == null ? ""
                    : " and r.cluster_id in (select id from cost_cluster where project = any(" + projects + "))");
        }
        if (projects == null) {
            return "";
        }
        return dimension.owner().equals("project")
                ? " and r.project = any(" + projects + ")"
                : " and r.cluster_id in (select id from cost_cluster where project = any(" + projects + "))";
    }

    private static String select(Dimension dimension, Granularity granularity, String d1, String d2, String d3,
            String sign, String where) {
        String measures = Rollups.MEASURES.stream().map(m -> sign + "r." + m + " as " + m)
                .collect(Collectors.joining(", "));
        return "select r." + dimension.owner() + " as owner, r.bucket, " + d1 + " as d1, " + d2 + " as d2, " + d3 + " as d3, r.currency, "
                + measures + " from " + dimension.table(granularity) + " r" + where;
    }

    private static String param(List<Object> parameters, Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
