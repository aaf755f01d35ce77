package io.mooring.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's verdicts follow the targets, and its table and plot show every fleet size run. */
class BenchReportTest {

    private static Map<String, String> fleet(int clusters, double heartbeatP99, double batchP99, long failed,
            long notSent, long rss) {
        Map<String, String> p = new HashMap<>();
        p.put("clusters", String.valueOf(clusters));
        p.put("seconds", "30.0");
        p.put("offered", "3000");
        p.put("accepted", String.valueOf(3000 - failed - notSent));
        p.put("accepted_per_s", "100");
        p.put("failed", String.valueOf(failed));
        p.put("not_sent", String.valueOf(notSent));
        p.put("heartbeat_p50_ms", "5.0");
        p.put("heartbeat_p99_ms", String.valueOf(heartbeatP99));
        p.put("batch_p99_ms", String.valueOf(batchP99));
        p.put("service_rss_mb_max", String.valueOf(rss));
        p.put("cpu_ms_per_request", "0.400");
        p.put("baseline_requests_per_s", "9000");
        p.put("baseline_cpu_ms_per_request", "0.050");
        p.put("read_fleet_health_p99_ms", "12.0");
        p.put("slow_seconds", "3s:2 17s:40");
        return p;
    }

    private static BenchReport report(Map<Integer, Map<String, String>> sizes, Map<String, String> ingestion,
            Map<String, String> postgres) {
        return new BenchReport(sizes, ingestion, Map.of(), Map.of(), postgres, Map.of("commit", "abc123"));
    }

    private static BenchReport.Verdict verdict(List<BenchReport.Verdict> verdicts, String target) {
        return verdicts.stream().filter(v -> v.target().startsWith(target)).findFirst().orElseThrow();
    }

    @Test
    void tenThousandAgentsAreMetOnlyWhenEveryRequestIsAcceptedWithinBothLatenciesAndTheMemoryBound() {
        var met = report(Map.of(10_000, fleet(10_000, 80, 200, 0, 0, 480)), Map.of(), Map.of()).verdicts();
        assertThat(verdict(met, "10,000 agents").status()).isEqualTo(BenchReport.Status.MET);

        var slow = report(Map.of(10_000, fleet(10_000, 101, 200, 0, 0, 480)), Map.of(), Map.of()).verdicts();
        assertThat(verdict(slow, "10,000 agents").status()).isEqualTo(BenchReport.Status.NOT_MET);
        var unsent = report(Map.of(10_000, fleet(10_000, 50, 200, 0, 1, 480)), Map.of(), Map.of()).verdicts();
        assertThat(verdict(unsent, "10,000 agents").status()).as("a request the driver could not send")
                .isEqualTo(BenchReport.Status.NOT_MET);
        var large = report(Map.of(10_000, fleet(10_000, 50, 200, 0, 0, 600)), Map.of(), Map.of()).verdicts();
        assertThat(verdict(large, "10,000 agents").status()).isEqualTo(BenchReport.Status.NOT_MET);
    }

    @Test
    void aRunWithoutTenThousandAgentsSaysNotMeasuredAndNamesItsLargestFleet() {
        var verdicts = report(Map.of(500, fleet(500, 20, 40, 0, 0, 300), 1000, fleet(1000, 30, 60, 0, 0, 310)),
                Map.of(), Map.of()).verdicts();
        BenchReport.Verdict v = verdict(verdicts, "10,000 agents");
        assertThat(v.status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        assertThat(v.measured()).startsWith("largest fleet run 1000");
        assertThat(v.line()).startsWith("NOT MEASURED").contains("(target: every request accepted");
    }

    @Test
    void theCeilingIsTheLargestFleetBelowWhichEverySizeMetTheLatencies() {
        var verdicts = report(Map.of(1000, fleet(1000, 30, 60, 0, 0, 300), 2500, fleet(2500, 90, 240, 0, 0, 350),
                5000, fleet(5000, 300, 900, 4, 0, 400), 10_000, fleet(10_000, 50, 50, 0, 0, 400)), Map.of(), Map.of())
                .verdicts();
        assertThat(verdict(verdicts, "Ceiling").measured()).startsWith("2500 clusters");
    }

    @Test
    void ingestionIsJudgedAgainstTwentyThousandEventsAndHalfOfPostgresCopyInTheSameRun() {
        Map<String, String> ingestion = Map.of("events_per_s", "21000", "batch_p99_ms", "120", "clusters", "1000",
                "offered_events_per_s", "20000");
        var met = report(Map.of(), ingestion, Map.of("copy_rows", "400000", "copy_ms", "10000")).verdicts();
        assertThat(verdict(met, "Event ingestion").status()).isEqualTo(BenchReport.Status.MET);
        assertThat(verdict(met, "Event ingestion").measured()).contains("COPY 40000 rows/s, ratio 0.53");

        var slowAgainstCopy = report(Map.of(), ingestion, Map.of("copy_rows", "500000", "copy_ms", "10000")).verdicts();
        assertThat(verdict(slowAgainstCopy, "Event ingestion").status()).isEqualTo(BenchReport.Status.NOT_MET);
    }

    @Test
    void costAccrualThatStoppedHalfWayIsNotMetHoweverFastItWent() {
        Map<String, String> stopped = Map.of("cost_accrual_clusters", "10000", "cost_accrual_inventories", "6934",
                "cost_accrual_ms", "160551", "cost_rss_mb", "330 before, 900 max, 859 after");
        BenchReport.Verdict v = verdict(new BenchReport(Map.of(), Map.of(), Map.of(), stopped, Map.of(), Map.of())
                .verdicts(), "Cost accrual");
        assertThat(v.status()).isEqualTo(BenchReport.Status.NOT_MET);
        assertThat(v.measured()).startsWith("6934 of 60000 inventories of 10000 clusters accrued in 160.6 s (43/s");

        Map<String, String> fast = Map.of("cost_accrual_clusters", "10000", "cost_accrual_inventories", "60000",
                "cost_accrual_ms", "240000");
        assertThat(verdict(new BenchReport(Map.of(), Map.of(), Map.of(), fast, Map.of(), Map.of()).verdicts(),
                "Cost accrual").status()).isEqualTo(BenchReport.Status.MET);
        Map<String, String> fewerButFast = Map.of("cost_accrual_clusters", "1000", "cost_accrual_inventories", "6000",
                "cost_accrual_ms", "20000");
        assertThat(verdict(new BenchReport(Map.of(), Map.of(), Map.of(), fewerButFast, Map.of(), Map.of()).verdicts(),
                "Cost accrual").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        Map<String, String> fewerAndSlow = Map.of("cost_accrual_clusters", "1000", "cost_accrual_inventories", "6000",
                "cost_accrual_ms", "150000");
        assertThat(verdict(new BenchReport(Map.of(), Map.of(), Map.of(), fewerAndSlow, Map.of(), Map.of()).verdicts(),
                "Cost accrual").status()).isEqualTo(BenchReport.Status.NOT_MET);
    }

    @Test
    void theCpuTableSaysWhoseCpuEachRunSpentAndWithWhichJvmOptions() {
        Map<String, String> p = fleet(2500, 30, 60, 0, 0, 450);
        p.putAll(Map.of("run_s", "200", "run_machine_cpu_s", "331", "run_health_cpu_s", "147", "run_postgres_cpu_s", "119",
                "health_jvm", "-XX:+UseSerialGC -Xmx320m"));
        String markdown = new BenchReport(Map.of(2500, p), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of("commit", "abc123", "cores", "2")).markdown(List.of());
        assertThat(markdown).contains("| 2500 | 200 | 400 | 331 | 147 | 119 | 65 | `-XX:+UseSerialGC -Xmx320m` |");
    }

    @Test
    void targetsWithoutFiguresAreNotMeasuredRatherThanMet() {
        var verdicts = report(Map.of(), Map.of(), Map.of()).verdicts();
        assertThat(verdict(verdicts, "Imports").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        assertThat(verdict(verdicts, "Cost accrual").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        assertThat(verdict(verdicts, "Lifecycle").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        assertThat(verdict(verdicts, "Event ingestion").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
        assertThat(verdict(verdicts, "Reads").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);
    }

    @Test
    void lifecycleUnderLoadIsJudgedByItsRateAgainstTenThousandInTenSeconds() {
        Map<String, String> run = fleet(1000, 30, 60, 0, 0, 300);
        run.put("lifecycle_announced", "1000");
        run.put("lifecycle_under_load_consumed", "1000");
        run.put("lifecycle_under_load_ms", "2000");
        var verdicts = report(Map.of(1000, run), Map.of(), Map.of()).verdicts();
        assertThat(verdict(verdicts, "Lifecycle").status()).isEqualTo(BenchReport.Status.NOT_MET);
        assertThat(verdict(verdicts, "Lifecycle").measured()).contains("(500/s)");

        run.put("lifecycle_under_load_ms", "800");
        var fastButSmall = report(Map.of(1000, run), Map.of(), Map.of()).verdicts();
        assertThat(verdict(fastButSmall, "Lifecycle").status()).as("1,250/s, but of 1,000 only")
                .isEqualTo(BenchReport.Status.NOT_MEASURED);
        run.putAll(Map.of("lifecycle_announced", "10000", "lifecycle_under_load_consumed", "10000",
                "lifecycle_under_load_ms", "8000"));
        var met = report(Map.of(1000, run), Map.of(), Map.of()).verdicts();
        assertThat(verdict(met, "Lifecycle").status()).isEqualTo(BenchReport.Status.MET);
    }

    @Test
    void theTableHasARowPerFleetSizeWithItsBaselineAndTheSlowSeconds() {
        BenchReport report = report(Map.of(1000, fleet(1000, 30, 60, 0, 0, 300), 500, fleet(500, 20, 40, 0, 0, 290)),
                Map.of(), Map.of());
        String table = report.agentTable();
        assertThat(table.lines().filter(l -> l.startsWith("| 500 ") || l.startsWith("| 1000 "))).hasSize(2);
        assertThat(table.indexOf("| 500 ")).isLessThan(table.indexOf("| 1000 "));
        assertThat(table).contains("| 9000 |").contains("2 (worst 17s:40 3s:2)").contains("| 100 | 3000 / 3000 |");
        assertThat(report.markdown(report.verdicts())).contains("Commit abc123").contains("![latency and throughput");
    }

    @Test
    void slowSecondsAreCountedAndTheWorstNamedFirst() {
        assertThat(BenchReport.slowSeconds("0s:28 1s:1 3s:80 4s:37")).isEqualTo("4 (worst 3s:80 4s:37 0s:28)");
        assertThat(BenchReport.slowSeconds("")).isEqualTo("none");
    }

    @Test
    void theFiguresAreReadInTheOrderWrittenTheLastOfAKeyWinning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.properties");
        Files.writeString(file, "imports=500\nimports_ms=1200\n# note\nloadavg=1 2 3\nimports=499\n");
        assertThat(BenchReport.read(file)).containsExactly(Map.entry("imports", "499"), Map.entry("imports_ms", "1200"),
                Map.entry("loadavg", "1 2 3"));
        assertThat(BenchReport.read(dir.resolve("absent.properties"))).isEmpty();
    }

    @Test
    void thePlotDrawsLatencyAndThroughputAgainstFleetSize(@TempDir Path dir) throws Exception {
        BenchReport report = report(Map.of(1000, fleet(1000, 30, 60, 0, 0, 300), 500, fleet(500, 20, 40, 0, 0, 290)),
                Map.of(), Map.of());
        String svg = report.plot();
        Files.writeString(dir.resolve("plot.svg"), svg);
        assertThat(svg).startsWith("<svg").contains("Latency against fleet size").contains("Throughput against fleet size")
                .contains("heartbeat p99").contains("Quarkus baseline");
        // Six latency lines (four measured, two targets) and three throughput lines.
        assertThat(svg.split("<polyline", -1)).hasSize(10);
    }

    @Test
    void readsAreMetOnlyAtTenThousandClustersAndNotMetAsSoonAsOneIsSlow() {
        Map<String, String> stackAt = new HashMap<>(Map.of("stack_clusters", "10000", "read_fleet_list_p99_ms", "20",
                "read_fleet_health_p99_ms", "30", "read_fleet_cost_p99_ms", "40"));
        var met = new BenchReport(Map.of(), Map.of(), Map.of(), stackAt, Map.of(), Map.of()).verdicts();
        assertThat(verdict(met, "Reads").status()).isEqualTo(BenchReport.Status.MET);

        stackAt.put("stack_clusters", "500");
        var small = new BenchReport(Map.of(), Map.of(), Map.of(), stackAt, Map.of(), Map.of()).verdicts();
        assertThat(verdict(small, "Reads").status()).isEqualTo(BenchReport.Status.NOT_MEASURED);

        stackAt.put("read_fleet_cost_p99_ms", "51");
        var slow = new BenchReport(Map.of(), Map.of(), Map.of(), stackAt, Map.of(), Map.of()).verdicts();
        assertThat(verdict(slow, "Reads").status()).isEqualTo(BenchReport.Status.NOT_MET);
        assertThat(verdict(slow, "Reads").measured()).contains("fleet cost p99 51.0 ms");
    }
}
