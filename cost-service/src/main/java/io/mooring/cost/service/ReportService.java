package io.mooring.cost.service;

import io.mooring.cost.config.CostConfig;
import io.mooring.cost.repository.LineBatch;
import io.mooring.cost.repository.ReportQuery;
import io.mooring.cost.repository.ReportQuery.Bucket;
import io.mooring.cost.repository.ReportQuery.Grouping;
import io.mooring.cost.repository.ReportQuery.Scope;
import io.mooring.cost.repository.ReportRepository;
import io.mooring.cost.repository.ReportRepository.ClusterInfo;
import io.mooring.cost.repository.ReportRepository.ResultRow;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Cost reports for one cluster or the caller's fleet, from the pre-aggregated tables. */
@ApplicationScoped
public class ReportService {

    /** The property keys of each aggregate's rows, in order (the CSV columns after {@code name}). */
    public static final Map<Aggregate, List<String>> PROPERTIES = Map.of(
            Aggregate.CLUSTER, List.of("clusterId", "clusterName", "project", "provider", "cloudType", "deleted"),
            Aggregate.PROJECT, List.of("project"),
            Aggregate.PROVIDER, List.of("provider"),
            Aggregate.NAMESPACE, List.of("namespace"),
            Aggregate.NODE, List.of("clusterId", "clusterName", "node"),
            Aggregate.WORKLOAD, List.of("namespace", "workloadKind", "workloadName"),
            Aggregate.LABEL, List.of("labelKey", "labelValue"));

    private final ReportRepository repository;
    private final CostConfig config;
    private final ClusterDirectory directory;

    public ReportService(ReportRepository repository, CostConfig config, ClusterDirectory directory) {
        this.repository = repository;
        this.config = config;
        this.directory = directory;
    }

    public ReportSpec spec(String window, String from, String to, String aggregate, String step,
            Aggregate defaultAggregate) {
        return ReportSpec.parse(window, from, to, aggregate, step, defaultAggregate, config.report().maxDays(),
                Instant.now());
    }

    /**
     * The cluster, if the caller may see it; 404 otherwise, whether it exists or not. A deleted cluster stays
     * visible: its history is billed.
     */
    public Uni<ClusterInfo> visibleCluster(Caller caller, UUID id) {
        return directory.visibleTo(id, caller, Tombstones.SHOWN).flatMap(entry -> repository.cluster(id))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Cluster not found")));
    }

    public Uni<CostReport> cluster(Caller caller, UUID id, ReportSpec spec) {
        return visibleCluster(caller, id).flatMap(cluster -> run(Scope.cluster(id), spec, id));
    }

    /**
     * The fleet the caller sees: every project for an admin, the token's projects otherwise, narrowed to
     * {@code projects} when given (a project the caller cannot see answers 404, like its clusters), and to
     * {@code clusters} when not null (a cluster of a project the caller cannot see is simply not in the report).
     */
    public Uni<CostReport> fleet(Caller caller, List<String> projects, List<UUID> clusters, ReportSpec spec) {
        Set<String> wanted = new TreeSet<>();
        if (projects != null) {
            projects.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).forEach(wanted::add);
        }
        for (String project : wanted) {
            caller.requireVisible(project, "Project " + project);
        }
        List<String> scope;
        if (!wanted.isEmpty()) {
            scope = List.copyOf(wanted);
        } else if (caller.isAdmin()) {
            scope = null;
        } else {
            scope = List.copyOf(new TreeSet<>(caller.projects()));
        }
        if (scope != null && scope.isEmpty()) {
            return Uni.createFrom().item(assemble(spec, null, List.of()));
        }
        return run(Scope.fleet(scope, clusters), spec, null);
    }

    private Uni<CostReport> run(Scope scope, ReportSpec spec, UUID clusterId) {
        int maxRows = config.report().maxRows();
        Bucket bucket = spec.step() == null ? Bucket.NONE : spec.step() == Step.HOUR ? Bucket.HOUR : Bucket.DAY;
        ReportQuery.Sql sql = ReportQuery.build(scope, spec.from(), spec.to(), Grouping.valueOf(spec.aggregate().name()),
                spec.labelKey(), bucket, maxRows + 1);
        return repository.run(sql).map(rows -> {
            if (rows.size() > maxRows) {
                throw new ProblemException(400, "invalid-request", "Invalid request",
                        "The report would have more than " + maxRows + " rows.",
                        List.of(new Problem.FieldError(spec.step() == Step.HOUR ? "step" : "aggregate",
                                "too many rows: use a coarser aggregate or step, or a shorter window")));
            }
            return assemble(spec, clusterId, rows);
        });
    }

    CostReport assemble(ReportSpec spec, UUID clusterId, List<ResultRow> results) {
        List<CostReport.Row> rows = new ArrayList<>(results.size());
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        for (ResultRow result : results) {
            boolean unallocated = spec.aggregate() == Aggregate.LABEL && LineBatch.UNALLOCATED.equals(result.d1());
            if (unallocated && result.measures().stream().allMatch(m -> m.signum() == 0)) {
                continue;
            }
            rows.add(row(spec, clusterId, result));
            BigDecimal[] sums = totals.computeIfAbsent(result.currency(), c -> zeros());
            for (int i = 0; i < sums.length; i++) {
                sums[i] = sums[i].add(result.measures().get(i));
            }
        }
        rows.sort(Comparator.comparing(CostReport.Row::start)
                .thenComparing(CostReport.Row::totalCost, Comparator.reverseOrder())
                .thenComparing(CostReport.Row::name));
        List<CostReport.Totals> totalList = new ArrayList<>();
        totals.forEach((currency, sums) -> {
            BigDecimal[] m = Arrays.stream(sums).map(ReportService::plain).toArray(BigDecimal[]::new);
            totalList.add(new CostReport.Totals(currency, m[0], m[1], m[2], m[3], m[5],
                m[4], m[6], efficiency(m[6], m[4]), m[7], m[8], m[9], m[10]));
        });
        String aggregate = spec.aggregate() == Aggregate.LABEL ? "label:" + spec.labelKey() : spec.aggregate().id();
        return new CostReport(clusterId, spec.from(), spec.to(), spec.window(), aggregate,
                spec.step() == null ? null : spec.step().id(), rows, totalList);
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] zeros = new BigDecimal[11];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }

    private CostReport.Row row(ReportSpec spec, UUID clusterId, ResultRow r) {
        Map<String, String> properties = new LinkedHashMap<>();
        String name;
        switch (spec.aggregate()) {
            case CLUSTER -> {
                name = r.clusterId().toString();
                properties.put("clusterId", r.clusterId().toString());
                properties.put("clusterName", r.clusterName());
                properties.put("project", r.project());
                properties.put("provider", r.provider());
                properties.put("cloudType", r.cloudType());
                properties.put("deleted", String.valueOf(r.deletedAt() != null));
            }
            case PROJECT -> {
                name = r.project();
                properties.put("project", r.project());
            }
            case PROVIDER -> {
                name = r.provider();
                properties.put("provider", r.provider());
            }
            case NAMESPACE -> {
                name = r.d1();
                properties.put("namespace", r.d1());
            }
            case NODE -> {
                name = clusterId != null ? r.d1() : r.clusterId() + "/" + r.d1();
                properties.put("clusterId", r.clusterId().toString());
                properties.put("clusterName", r.clusterName());
                properties.put("node", r.d1());
            }
            case WORKLOAD -> {
                name = LineBatch.IDLE.equals(r.d1()) ? LineBatch.IDLE : r.d1() + "/" + r.d2() + "/" + r.d3();
                properties.put("namespace", r.d1());
                properties.put("workloadKind", r.d2());
                properties.put("workloadName", r.d3());
            }
            case LABEL -> {
                name = r.d1();
                properties.put("labelKey", spec.labelKey());
                boolean special = LineBatch.IDLE.equals(r.d1()) || LineBatch.UNALLOCATED.equals(r.d1());
                properties.put("labelValue", special ? null : r.d1());
            }
            default -> throw new IllegalStateException();
        }
        Instant start = spec.from();
        Instant end = spec.to();
        if (spec.step() != null && r.bucket() != null) {
            start = r.bucket().isBefore(spec.from()) ? spec.from() : r.bucket();
            Instant next = r.bucket().plus(1, spec.step().unit());
            end = next.isAfter(spec.to()) ? spec.to() : next;
        }
        List<BigDecimal> m = r.measures().stream().map(ReportService::plain).toList();
        return new CostReport.Row(name, start, end, properties, r.currency(), m.get(0), m.get(1), m.get(2), m.get(3),
                m.get(5), m.get(4), m.get(6), efficiency(m.get(6), m.get(4)), m.get(7), m.get(8), m.get(9), m.get(10));
    }

    /** Without the trailing zeros of nine decimals: 0.048, not 0.048000000. */
    static BigDecimal plain(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static BigDecimal efficiency(BigDecimal used, BigDecimal total) {
        return total.signum() == 0 ? null : plain(used.divide(total, 6, RoundingMode.HALF_EVEN));
    }
}
