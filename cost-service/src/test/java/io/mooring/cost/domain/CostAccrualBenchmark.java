package io.mooring.cost.domain;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a unit test (surefire does not pick it up, and it only runs when asked): how many times a second one thread
 * accrues the load driver's inventory shape (50 m6i.xlarge nodes, 4 workloads each with requests and usage, a
 * 10-minute window inside an hour), the arithmetic alone: no JSON, no database.
 *
 * <pre>
 * ./mvnw -B -o -pl cost-service test -Dtest=CostAccrualBenchmark -Dmooring.benchmark=true [-Dmooring.benchmark.seconds=10]
 * </pre>
 */
@EnabledIfSystemProperty(named = "mooring.benchmark", matches = "true")
class CostAccrualBenchmark {

    @Test
    void accrualsPerSecondOfAFiftyNodeInventory() {
        List<Node> nodes = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            Resources capacity = new Resources(4000, 16_777_216_000L, 0, 58);
            nodes.add(new Node("ip-" + n, "aws:///eu-west-1a/i-" + n, "m6i.xlarge", "eu-west-1", "eu-west-1a", "amd64",
                    "Amazon Linux 2023", "v1.31.4", "containerd://1.7.22", capacity, capacity, List.of(), false,
                    Fixtures.LONG_AGO));
            for (int w = 0; w < 4; w++) {
                int workload = n * 4 + w;
                allocations.add(new Allocation("ip-" + n, "team-" + workload % 8, "Deployment", "app-" + workload, 1,
                        new Resources(250 + 10 * w, 536_870_912L + 1000L * n, 0, 1),
                        new Resources(120 + w, 400_000_000L + 7L * n, 0, 1)));
            }
        }
        Inventory inventory = Fixtures.inventory(nodes, allocations);
        ClusterRates rates = Fixtures.rates(CloudType.EKS);
        CostAccrual accrual = new CostAccrual(AccrualSettings.DEFAULT);
        Instant start = Instant.parse("2026-12-04T10:03:17.123456789Z");
        long seconds = Long.getLong("mooring.benchmark.seconds", 10);
        for (String phase : List.of("warm-up", "measured")) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long began = System.nanoTime();
            long lines = 0;
            int rounds = 0;
            while (System.nanoTime() < end) {
                Instant previous = start.plusSeconds(600L * rounds);
                lines += accrual.accrue(Fixtures.CLUSTER, inventory, previous.plusSeconds(600), previous, rates)
                        .lines().size();
                rounds++;
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            if (lines == 0) {
                throw new AssertionError("no lines accrued");
            }
            System.out.printf(Locale.ROOT, "[accrual] %s: %.1f accruals/s (%d in %.1f s, %d lines each)%n", phase,
                    rounds / elapsed, rounds, elapsed, lines / rounds);
        }
    }
}
