package io.mooring.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The benchmark's report (bin/bench, issue #15): reads the figures a run left in its folder ({@code key=value}
 * files: {@code agents-N.properties} per fleet size, {@code ingestion}, {@code lifecycle}, {@code stack},
 * {@code postgres} and {@code machine}), writes {@code results.md} (each figure next to its baseline from the same
 * run) and {@code plot.svg} (latency percentiles and throughput against fleet size), and prints a verdict per target
 * of the issue.
 * <pre>java -cp cluster-simulator/target/classes io.mooring.simulator.load.BenchReport &lt;run folder&gt;</pre>
 */
public final class BenchReport {

    /** Verdict of one target: MET, NOT MET, or NOT MEASURED (the run had no figure for it, and why). */
    enum Status {
        MET, NOT_MET, NOT_MEASURED, INFO;

        String label() {
            return switch (this) {
                case MET -> "MET";
                case NOT_MET -> "NOT MET";
                case NOT_MEASURED -> "NOT MEASURED";
                case INFO -> "INFO";
            };
        }
    }

    record Verdict(String target, Status status, String measured, String goal) {
        String line() {
            return String.format(Locale.ROOT, "%-13s %s: %s (target: %s)", status.label(), target, measured, goal);
        }
    }

    /** The issue's targets for agents at the real cadence. */
    static final double HEARTBEAT_P99_MS = 100;
    static final double BATCH_P99_MS = 250;
    static final double RSS_MB = 512;
    static final double READ_P99_MS = 50;
    static final int TARGET_FLEET = 10_000;

    private final java.util.TreeMap<Integer, Map<String, String>> sizes;
    private final Map<String, String> ingestion;
    private final Map<String, String> lifecycle;
    private final Map<String, String> stack;
    private final Map<String, String> postgres;
    private final Map<String, String> machine;

    BenchReport(Map<Integer, Map<String, String>> sizes, Map<String, String> ingestion, Map<String, String> lifecycle,
            Map<String, String> stack, Map<String, String> postgres, Map<String, String> machine) {
        this.sizes = new java.util.TreeMap<>(sizes);
        this.ingestion = ingestion;
        this.lifecycle = lifecycle;
        this.stack = stack;
        this.postgres = postgres;
        this.machine = machine;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchReport <run folder>");
        }
        Path dir = Path.of(args[0]);
        Map<Integer, Map<String, String>> sizes = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("agents-\\d+\\.properties")).toList()) {
                Map<String, String> p = read(f);
                if (p.containsKey("clusters")) {
                    sizes.put(Integer.parseInt(p.get("clusters")), p);
                }
            }
        }
        BenchReport report = new BenchReport(sizes, read(dir.resolve("ingestion.properties")),
                read(dir.resolve("lifecycle.properties")), read(dir.resolve("stack.properties")),
                read(dir.resolve("postgres.properties")), read(dir.resolve("machine.properties")));
        List<Verdict> verdicts = report.verdicts();
        Files.writeString(dir.resolve("results.md"), report.markdown(verdicts));
        Files.writeString(dir.resolve("plot.svg"), report.plot());
        System.out.println();
        System.out.println("Verdicts (" + dir.resolve("results.md") + ", plot " + dir.resolve("plot.svg") + "):");
        verdicts.forEach(v -> System.out.println("  " + v.line()));
    }

    /** {@code key=value} lines in their order (the report lists some as written); a later line wins. */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        return map;
    }

    /** "N (the worst: second:count ...)" of the driver's second:count list, or "none". */
    static String slowSeconds(String list) {
        if (list == null || list.isBlank()) {
            return "none";
        }
        List<String> seconds = List.of(list.trim().split("\\s+"));
        return seconds.size() + " (worst " + String.join(" ", seconds.stream()
                .sorted(Comparator.comparingLong((String s) -> -Long.parseLong(s.substring(s.indexOf(':') + 1))))
                .limit(3).toList()) + ")";
    }

    static double num(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Whether a fleet size met the latency and acceptance targets: every request accepted, both p99s in bound. */
    static boolean meetsLatencies(Map<String, String> run) {
        return num(run, "failed") == 0 && num(run, "not_sent") == 0 && num(run, "accepted") > 0
                && num(run, "heartbeat_p99_ms") < HEARTBEAT_P99_MS && num(run, "batch_p99_ms") < BATCH_P99_MS;
    }

    static String agentFigures(Map<String, String> run) {
        return String.format(Locale.ROOT, "%s of %s requests accepted, %s failed, %s not sent; heartbeat p99 %s ms, "
                        + "batch p99 %s ms, RSS %s MB", run.get("accepted"), run.get("offered"), run.get("failed"),
                run.get("not_sent"), run.get("heartbeat_p99_ms"), run.get("batch_p99_ms"), run.get("service_rss_mb_max"));
    }

    List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        String agentGoal = "every request accepted, heartbeat p99 < 100 ms, batch p99 < 250 ms, RSS < 512 MB";
        Map<String, String> full = sizes.get(TARGET_FLEET);
        if (full != null) {
            boolean met = meetsLatencies(full) && num(full, "service_rss_mb_max") < RSS_MB;
            out.add(new Verdict("10,000 agents at the real cadence", met ? Status.MET : Status.NOT_MET,
                    agentFigures(full), agentGoal));
        } else if (!sizes.isEmpty()) {
            int largest = sizes.lastKey();
            out.add(new Verdict("10,000 agents at the real cadence", Status.NOT_MEASURED,
                    "largest fleet run " + largest + ": " + agentFigures(sizes.get(largest)), agentGoal));
        } else {
            out.add(new Verdict("10,000 agents at the real cadence", Status.NOT_MEASURED, "no fleet size ran", agentGoal));
        }
        // Ceiling: the largest fleet that met the latencies (and every one smaller did too).
        Integer ceiling = null;
        for (Map.Entry<Integer, Map<String, String>> e : sizes.entrySet()) {
            if (!meetsLatencies(e.getValue())) {
                break;
            }
            ceiling = e.getKey();
        }
        out.add(new Verdict("Ceiling (largest fleet meeting the latencies)", Status.INFO,
                sizes.isEmpty() ? "no fleet size ran" : ceiling == null ? "below the smallest size run ("
                        + sizes.keySet().iterator().next() + ")" : ceiling + " clusters (sizes run: " + sizes.keySet() + ")",
                "10,000 or more"));
        out.add(lifecycleVerdict());
        out.add(ingestionVerdict());
        double imports = num(stack, "imports_per_s");
        out.add(Double.isNaN(imports) ? new Verdict("Imports through the gateway", Status.NOT_MEASURED,
                stack.getOrDefault("imports_note", "no figure"), ">= 500 imports/s from 16 clients")
                : new Verdict("Imports through the gateway", imports >= 500 ? Status.MET : Status.NOT_MET,
                        String.format(Locale.ROOT, "%.0f imports/s (%s in %s ms, %s failed, %s clients)%s", imports,
                                stack.get("imports"), stack.get("imports_ms"), stack.get("imports_failed"),
                                stack.get("imports_clients"), stack.containsKey("imports_cpu")
                                        ? "; CPU: " + stack.get("imports_cpu") : ""),
                        ">= 500 imports/s from 16 clients"));
        out.add(readVerdict());
        out.add(accrualVerdict());
        Map<String, String> any = sizes.isEmpty() ? Map.of() : sizes.values().iterator().next();
        out.add(new Verdict("CPU per accepted request", Status.INFO, sizes.isEmpty() ? "no fleet size ran"
                : sizes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().get("cpu_ms_per_request") + " ms")
                        .reduce((a, b) -> a + ", " + b).orElse("") + "; baseline (trivial Quarkus endpoint) "
                        + any.getOrDefault("baseline_cpu_ms_per_request", "?") + " ms", "well below today's ~1 ms"));
        return out;
    }

    /**
     * Judged by the rate of the inventories accrued (an hour is 6 per cluster), and NOT MET when some were never
     * accrued, however fast the others went: a service that stops half-way has not accrued the hour.
     */
    private Verdict accrualVerdict() {
        String goal = "an hour of 10,000 x 50 nodes in < 5 min";
        double ms = num(stack, "cost_accrual_ms");
        double clusters = num(stack, "cost_accrual_clusters");
        double accrued = num(stack, "cost_accrual_inventories");
        if (Double.isNaN(ms) || Double.isNaN(clusters) || Double.isNaN(accrued) || accrued <= 0) {
            return new Verdict("Cost accrual", Status.NOT_MEASURED, stack.getOrDefault("cost_note", "no figure"), goal);
        }
        double expected = clusters * 6;
        double rate = accrued * 1000 / ms;
        double projected = TARGET_FLEET * 6 / rate;
        String measured = String.format(Locale.ROOT, "%.0f of %.0f inventories of %.0f clusters accrued in %.1f s"
                + " (%.0f/s: 10,000 clusters' hour in %.0f s at that rate); cost-service RSS %s", accrued, expected,
                clusters, ms / 1000, rate, projected, stack.getOrDefault("cost_rss_mb", "?"));
        Status status = accrued < expected ? Status.NOT_MET : atTarget(projected < 300, clusters);
        return new Verdict("Cost accrual", status, measured, goal);
    }

    private Verdict lifecycleVerdict() {
        String goal = "10,000 ClusterImported consumed in < 10 s with agent load running (>= 1,000/s)";
        Map<String, String> run = sizes.values().stream().filter(p -> p.containsKey("lifecycle_under_load_ms"))
                .reduce((a, b) -> b).orElse(null);
        if (run == null) {
            return new Verdict("Lifecycle throughput", Status.NOT_MEASURED, "no clusters announced under load", goal);
        }
        double n = num(run, "lifecycle_under_load_consumed");
        double announced = num(run, "lifecycle_announced");
        double ms = num(run, "lifecycle_under_load_ms");
        double rate = n * 1000 / ms;
        boolean met = n >= announced && rate >= 1000;
        return new Verdict("Lifecycle throughput", atTarget(met, announced), String.format(Locale.ROOT,
                "%.0f of %.0f consumed in %.1f s under the load of %s agents (%.0f/s); without agents %s/s; psql one "
                        + "transaction per row %s/s", n, announced, ms / 1000, run.get("clusters"), rate,
                rate(lifecycle, "lifecycle_consumed", "lifecycle_span_ms"),
                rate(lifecycle, "lifecycle_clusters", "psql_per_row_ms")), goal);
    }

    /**
     * A target named at 10,000 clusters and judged by rate: out of bound is NOT MET at any count, within bound MET
     * only at 10,000 or more (a smaller count can hide what grows with the fleet).
     */
    static Status atTarget(boolean withinBound, double count) {
        return !withinBound ? Status.NOT_MET : count >= TARGET_FLEET ? Status.MET : Status.NOT_MEASURED;
    }

    private Verdict ingestionVerdict() {
        String goal = ">= 20,000 events/s from 1,000 agents, batch p99 < 250 ms, >= 0.5 x PostgreSQL's COPY";
        double events = num(ingestion, "events_per_s");
        double copy = copyRate();
        if (Double.isNaN(events)) {
            return new Verdict("Event ingestion ceiling", Status.NOT_MEASURED, "no ingestion run", goal);
        }
        double ratio = events / copy;
        boolean met = events >= 20_000 && num(ingestion, "batch_p99_ms") < BATCH_P99_MS && ratio >= 0.5;
        return new Verdict("Event ingestion ceiling", met ? Status.MET : Status.NOT_MET, String.format(Locale.ROOT,
                "%.0f events/s of %s offered from %s agents, batch p99 %s ms; COPY %.0f rows/s, ratio %.2f",
                events, ingestion.getOrDefault("offered_events_per_s", "?"), ingestion.get("clusters"),
                ingestion.get("batch_p99_ms"), copy, ratio), goal);
    }

    /**
     * Reads are judged on the whole stack's figures (through the gateway, every service, its own agents), else on
     * the health-service runs' fleet health at the largest size. MET only at 10,000 clusters: a read within bound at
     * a smaller fleet is NOT MEASURED for the target, one out of bound already NOT MET.
     */
    private Verdict readVerdict() {
        String goal = "fleet list, fleet health, fleet cost p99 < 50 ms at 10,000 clusters under agent load";
        List<String> parts = new ArrayList<>();
        boolean all = true;
        boolean met = true;
        Map<String, String> largest = sizes.isEmpty() ? Map.of() : sizes.lastEntry().getValue();
        double fleet = stack.containsKey("stack_clusters") ? num(stack, "stack_clusters") : num(largest, "clusters");
        String[][] reads = {{"fleet list", "read_fleet_list_p99_ms"}, {"fleet health", "read_fleet_health_p99_ms"},
            {"fleet cost", "read_fleet_cost_p99_ms"}};
        for (String[] r : reads) {
            double v = num(stack, r[1]);
            String where = "";
            if (Double.isNaN(v)) {
                v = num(largest, r[1]);
                where = " (health-service alone, " + largest.get("clusters") + " agents)";
            }
            if (Double.isNaN(v)) {
                all = false;
                parts.add(r[0] + " not measured");
            } else {
                met &= v < READ_P99_MS;
                parts.add(String.format(Locale.ROOT, "%s p99 %.1f ms%s", r[0], v, where));
            }
        }
        String measured = String.join(", ", parts) + (stack.containsKey("stack_clusters")
                ? " (whole stack, " + stack.get("stack_clusters") + " clusters with their agents)" : "");
        Status status = !met ? Status.NOT_MET : all && fleet >= TARGET_FLEET ? Status.MET : Status.NOT_MEASURED;
        return new Verdict("Reads under agent load", status, measured, goal);
    }

    double copyRate() {
        return num(postgres, "copy_rows") * 1000 / num(postgres, "copy_ms");
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    static String rate(Map<String, String> p, String count, String ms) {
        double r = num(p, count) * 1000 / num(p, ms);
        return Double.isNaN(r) || Double.isInfinite(r) ? "?" : String.format(Locale.ROOT, "%.0f", r);
    }

    String markdown(List<Verdict> verdicts) {
        StringBuilder md = new StringBuilder("# Benchmark run " + machine.getOrDefault("started", "") + "\n\n");
        md.append(String.format(Locale.ROOT, "Commit %s on %s cores (%s); load average at the start %s, at the end %s."
                        + "%nCommand: `%s`%n%n", machine.getOrDefault("commit", "?"), machine.getOrDefault("cores", "?"),
                machine.getOrDefault("cpu", "?"), machine.getOrDefault("loadavg_start", "?"),
                machine.getOrDefault("loadavg_end", "?"), machine.getOrDefault("command", "bin/bench")));
        if (machine.containsKey("redone")) {
            md.append("Parts redone in this folder: ").append(machine.get("redone")).append("\n\n");
        }
        md.append("## Verdicts\n\n| Target | Verdict | Measured | Target |\n|---|---|---|---|\n");
        for (Verdict v : verdicts) {
            md.append("| ").append(v.target()).append(" | **").append(v.status().label()).append("** | ")
                    .append(v.measured().replace("|", "/")).append(" | ").append(v.goal()).append(" |\n");
        }
        md.append("\n").append(agentTable()).append(cpuTable());
        md.append("\n## Baselines from the same run\n\n| Figure | Service | Baseline |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| Event rows written | %s events/s (1,000 agents) | COPY %s rows/s, "
                        + "multi-row INSERT %s rows/s (%s rows into a copy of cluster_event) |%n",
                ingestion.getOrDefault("events_per_s", "?"), rate(postgres, "copy_rows", "copy_ms"),
                rate(postgres, "copy_rows", "insert_ms"), postgres.getOrDefault("copy_rows", "?")));
        md.append(String.format(Locale.ROOT, "| ClusterImported consumed (backlog, no agents) | %s/s (%s in %s ms) | "
                        + "psql: one multi-row INSERT %s rows/s, one transaction per row %s/s |%n",
                rate(lifecycle, "lifecycle_consumed", "lifecycle_span_ms"), lifecycle.getOrDefault("lifecycle_consumed", "?"),
                lifecycle.getOrDefault("lifecycle_span_ms", "?"), rate(lifecycle, "lifecycle_clusters", "psql_bulk_ms"),
                rate(lifecycle, "lifecycle_clusters", "psql_per_row_ms")));
        for (Map.Entry<Integer, Map<String, String>> e : sizes.entrySet()) {
            Map<String, String> p = e.getValue();
            md.append(String.format(Locale.ROOT, "| Requests at %d agents | %s accepted/s, %s ms CPU each | trivial "
                            + "Quarkus endpoint (%s), same driver: %s requests/s, %s ms CPU each |%n", e.getKey(),
                    p.get("accepted_per_s"), p.get("cpu_ms_per_request"), p.getOrDefault("baseline_url", "?"),
                    p.getOrDefault("baseline_requests_per_s", "?"), p.getOrDefault("baseline_cpu_ms_per_request", "?")));
        }
        if (!stack.isEmpty()) {
            md.append("\n## Whole stack (gateway, registry, health, cost)\n\n| Figure | Value |\n|---|---|\n");
            stack.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        }
        md.append("\n![latency and throughput against fleet size](plot.svg)\n");
        return md.toString();
    }

    String agentTable() {
        StringBuilder md = new StringBuilder("## Agents at the real cadence, by fleet size\n\n"
                + "| Fleet | Offered req/s | Accepted / offered | Failed | Not sent | Heartbeat p50 / p99 ms | Batch p99 ms"
                + " | Inventory p99 ms | Fleet health p99 ms | RSS max MB | CPU ms/req | Baseline req/s | Slow seconds"
                + " | Load avg | Verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<Integer, Map<String, String>> e : sizes.entrySet()) {
            Map<String, String> p = e.getValue();
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %s / %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s "
                            + "| %s | %s | %s |%n", e.getKey(), num(p, "offered") / num(p, "seconds"),
                    p.get("accepted"), p.get("offered"), p.get("failed"), p.get("not_sent"), p.get("heartbeat_p50_ms"),
                    p.get("heartbeat_p99_ms"), p.get("batch_p99_ms"), p.get("inventory_p99_ms"),
                    p.getOrDefault("read_fleet_health_p99_ms", "-"), p.get("service_rss_mb_max"),
                    p.get("cpu_ms_per_request"), p.getOrDefault("baseline_requests_per_s", "-"),
                    slowSeconds(p.get("slow_seconds")),
                    p.getOrDefault("loadavg", "?").split(" ")[0],
                    meetsLatencies(p) && num(p, "service_rss_mb_max") < RSS_MB ? "MET" : "NOT MET"));
        }
        return md.toString();
    }

    /** Where a ceiling comes from: whose CPU the cores spent, over each whole run of the driver. */
    String cpuTable() {
        StringBuilder md = new StringBuilder("\n| Fleet | Run s | CPU-s available | Machine CPU-s | health-service"
                + " | PostgreSQL | Driver, Kafka, others | health-service JVM |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<Integer, Map<String, String>> e : sizes.entrySet()) {
            Map<String, String> p = e.getValue();
            double machineCpu = num(p, "run_machine_cpu_s");
            double rest = machineCpu - num(p, "run_health_cpu_s") - num(p, "run_postgres_cpu_s");
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | `%s` |%n", e.getKey(),
                    p.getOrDefault("run_s", "?"), whole(num(p, "run_s") * num(machine, "cores")),
                    p.getOrDefault("run_machine_cpu_s", "?"), p.getOrDefault("run_health_cpu_s", "?"),
                    p.getOrDefault("run_postgres_cpu_s", "?"), whole(rest),
                    p.getOrDefault("health_jvm", "?")));
        }
        return md.toString();
    }

    String plot() {
        SvgPlot latency = new SvgPlot("Latency against fleet size", "simulated clusters", "ms (log scale)", true)
                .add("heartbeat p50", points("heartbeat_p50_ms"), false)
                .add("heartbeat p99", points("heartbeat_p99_ms"), false)
                .add("batch p99", points("batch_p99_ms"), false)
                .add("fleet health p99", points("read_fleet_health_p99_ms"), false)
                .add("heartbeat target", flat(HEARTBEAT_P99_MS), true)
                .add("batch target", flat(BATCH_P99_MS), true);
        SvgPlot throughput = new SvgPlot("Throughput against fleet size", "simulated clusters", "requests/s", false)
                .add("offered", points(p -> num(p, "offered") / num(p, "seconds")), false)
                .add("accepted", points("accepted_per_s"), false)
                .add("Quarkus baseline", points("baseline_requests_per_s"), true);
        return SvgPlot.document(List.of(latency, throughput));
    }

    private List<double[]> points(String key) {
        return points(p -> num(p, key));
    }

    private List<double[]> points(ToDoubleFunction<Map<String, String>> value) {
        return sizes.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(e -> new double[] {e.getKey(), value.applyAsDouble(e.getValue())})
                .filter(p -> !Double.isNaN(p[1]) && !Double.isInfinite(p[1])).toList();
    }

    private List<double[]> flat(double v) {
        return sizes.keySet().stream().sorted().map(n -> new double[] {n, v}).toList();
    }
}
