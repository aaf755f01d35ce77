package io.mooring.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The load driver's own arithmetic and bodies: percentiles, /proc parsing, inventories, the plot's scale. */
class LoadFiguresTest {

    @Test
    void percentilesAreNearestRankOverWhatWasRecorded() {
        LoadDriver.Latencies latencies = new LoadDriver.Latencies(1000);
        for (int ms = 1; ms <= 100; ms++) {
            latencies.add(ms * 1_000_000L);
        }
        assertThat(latencies.percentile(50)).isEqualTo(50.0);
        assertThat(latencies.percentile(99)).isEqualTo(99.0);
        assertThat(latencies.percentile(100)).isEqualTo(100.0);
        assertThat(new LoadDriver.Latencies(10).percentile(99)).as("nothing recorded").isZero();
    }

    @Test
    void durationsAreWrittenAsInTheOptionsMillisecondsIncluded() {
        assertThat(LoadDriver.duration("250ms")).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(LoadDriver.duration("10m")).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(LoadDriver.duration("90s")).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    @Test
    void cpuTimeIsReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(ProcessSampler.cpuTicks(stat)).isEqualTo(1234 + 567);
        assertThat(ProcessSampler.rssKb("Name:\tjava\nVmRSS:\t  524288 kB\nThreads:\t40\n")).isEqualTo(524288);
        assertThat(ProcessSampler.rssKb("Name:\tgone\n")).isZero();
    }

    @Test
    void anInventoryDescribesFiftyNodesWithTheSameNamesEveryTime() throws Exception {
        UUID cluster = UUID.randomUUID();
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(InventoryBodies.inventory(cluster, 50, Instant.parse("2026-12-04T10:00:00Z")));
        JsonNode second = json.readTree(InventoryBodies.inventory(cluster, 50, Instant.parse("2026-12-04T10:10:00Z")));
        assertThat(first.get("inventory").get("nodes")).hasSize(50);
        assertThat(first.get("inventory").get("nodes").get(7).get("name"))
                .isEqualTo(second.get("inventory").get("nodes").get(7).get("name"));
        assertThat(first.get("reportId")).isNotEqualTo(second.get("reportId"));
        JsonNode table = first.get("inventory").get("allocationTable");
        assertThat(table.get("rows")).hasSize(table.get("owners").size());
        assertThat(table.get("rows").get(0)).hasSize(9);
    }

    @Test
    void costInventoriesComeARoundAtATimeSoEachClustersAreInTimeOrder() throws Exception {
        List<UUID> clusters = List.of(UUID.randomUUID(), UUID.randomUUID());
        var messages = CostAccrualDriver.messages(clusters, "bench", 2, 3, Instant.parse("2026-12-04T09:00:00Z"));
        ObjectMapper json = new ObjectMapper();
        List<String> observed = new java.util.ArrayList<>();
        while (messages.hasNext()) {
            LifecycleSeeder.Message m = messages.next();
            JsonNode data = json.readTree(m.data());
            assertThat(data.get("clusterId").asText()).isEqualTo(m.subject().toString());
            observed.add(m.subject().toString().substring(0, 4) + "@" + data.get("observedAt").asText());
        }
        String a = clusters.get(0).toString().substring(0, 4);
        String b = clusters.get(1).toString().substring(0, 4);
        assertThat(observed).containsExactly(a + "@2026-12-04T09:00:00Z", b + "@2026-12-04T09:00:00Z",
                a + "@2026-12-04T09:20:00Z", b + "@2026-12-04T09:20:00Z", a + "@2026-12-04T09:40:00Z",
                b + "@2026-12-04T09:40:00Z");
    }

    @Test
    void aLogScaleDropsPointsItCannotDrawAndAnEmptyChartSaysSo() {
        SvgPlot plot = new SvgPlot("t", "x", "y", true).add("zero", List.of(new double[] {1, 0}), false)
                .add("one", List.of(new double[] {1, 5}, new double[] {2, 50}), false);
        assertThat(plot.series()).extracting(SvgPlot.Series::name).containsExactly("one");
        assertThat(new SvgPlot("t", "x", "y", false).render(0, 0)).contains("no data");
    }

    @Test
    void linearTicksStepByOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgPlot.niceStep(354)).isEqualTo(500);
        assertThat(SvgPlot.niceStep(0.13)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SvgPlot.niceStep(1000)).isEqualTo(1000);
        assertThat(SvgPlot.niceStep(0)).isEqualTo(1);
    }
}
