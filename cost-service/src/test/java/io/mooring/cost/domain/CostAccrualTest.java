package io.mooring.cost.domain;

import static io.mooring.cost.domain.Fixtures.CLUSTER;
import static io.mooring.cost.domain.Fixtures.GIB;
import static io.mooring.cost.domain.Fixtures.LONG_AGO;
import static io.mooring.cost.domain.Fixtures.allocation;
import static io.mooring.cost.domain.Fixtures.at;
import static io.mooring.cost.domain.Fixtures.cpuMem;
import static io.mooring.cost.domain.Fixtures.dec;
import static io.mooring.cost.domain.Fixtures.inventory;
import static io.mooring.cost.domain.Fixtures.namespace;
import static io.mooring.cost.domain.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CostAccrualTest {

    private final CostAccrual accrual = new CostAccrual(AccrualSettings.DEFAULT);

    @Test
    void nodeRunningTwoHoursIsSplitBetweenNamespacesAndIdle() {
        // m5.large (2 cores, 8 GiB) at 0.096/h on the AWS card, observed 10:00 then 12:00: exactly 2 h.
        // Per hour: CPU pool 0.096 × 0.65 = 0.0624, memory pool 0.096 × 0.35 = 0.0336.
        // team-a requests 500m of 2000m = 25 % and 2 of 8 GiB = 25 %:
        //   CPU 0.0624 × 0.25 = 0.0156, memory 0.0336 × 0.25 = 0.0084, total 0.024 an hour.
        // team-b requests 50 % and 50 %: CPU 0.0312, memory 0.0168, total 0.048 an hour.
        // Idle, the remaining 25 %: CPU 0.0156, memory 0.0084, total 0.024 an hour.
        // Over 2 h: team-a 0.048, team-b 0.096, idle 0.048; node 0.192 = 2 × 0.096.
        Inventory inventory = inventory(
                List.of(node("ip-10-0-0-1", "m5.large", 2000, 8, 0, LONG_AGO)),
                List.of(allocation("ip-10-0-0-1", "team-a", "api", 500, 2),
                        allocation("ip-10-0-0-1", "team-b", "web", 1000, 4)));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("12:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        assertThat(result.window()).isEqualTo(new AccrualWindow(at("10:00"), at("12:00"), false));
        assertThat(result.lines()).hasSize(6);
        for (Instant hour : List.of(at("10:00"), at("11:00"))) {
            CostLine a = allocationLine(result, "team-a", hour);
            assertThat(a.cpuCost()).isEqualByComparingTo("0.0156");
            assertThat(a.memoryCost()).isEqualByComparingTo("0.0084");
            assertThat(a.gpuCost()).isEqualByComparingTo("0");
            assertThat(a.totalCost()).isEqualByComparingTo("0.024");
            assertThat(a.periodStart()).isEqualTo(hour);
            assertThat(a.periodEnd()).isEqualTo(hour.plusSeconds(3600));
            CostLine b = allocationLine(result, "team-b", hour);
            assertThat(b.cpuCost()).isEqualByComparingTo("0.0312");
            assertThat(b.memoryCost()).isEqualByComparingTo("0.0168");
            assertThat(b.totalCost()).isEqualByComparingTo("0.048");
            CostLine idle = idleLine(result, "ip-10-0-0-1", hour);
            assertThat(idle.cpuCost()).isEqualByComparingTo("0.0156");
            assertThat(idle.memoryCost()).isEqualByComparingTo("0.0084");
            assertThat(idle.totalCost()).isEqualByComparingTo("0.024");
        }
        assertThat(totalsBy(result, line -> line.kind() + "/" + line.namespace()))
                .containsEntry("ALLOCATION/team-a", dec("0.048"))
                .containsEntry("ALLOCATION/team-b", dec("0.096"))
                .containsEntry("IDLE/null", dec("0.048"));
        assertThat(total(result.lines())).isEqualByComparingTo("0.192");
    }

    @Test
    void amountsCarryNineDecimalsAndTheTotalIsTheSumOfTheParts() {
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-a", "api", 500, 2))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));

        CostLine line = allocationLine(result, "team-a", at("10:00"));
        assertThat(line.cpuCost()).isEqualTo(dec("0.015600000"));
        assertThat(line.totalCost()).isEqualTo(dec("0.024000000"));
        assertThat(line.currency()).isEqualTo("USD");
    }

    @Test
    void windowShorterThanAnHourCostsItsFraction() {
        // Observed 10:00 then 10:20: 20 min = 1/3 h of an m5.large: 0.096 / 3 = 0.032, all idle.
        // CPU 0.032 × 0.65 = 0.0208, memory 0.032 − 0.0208 = 0.0112.
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)), List.of()),
                at("10:20"), at("10:00"), Fixtures.rates(CloudType.AWS));

        CostLine idle = idleLine(result, "n1", at("10:00"));
        assertThat(idle.periodStart()).isEqualTo(at("10:00"));
        assertThat(idle.periodEnd()).isEqualTo(at("10:20"));
        assertThat(idle.cpuCost()).isEqualByComparingTo("0.0208");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.0112");
        assertThat(idle.totalCost()).isEqualByComparingTo("0.032");
        // The idle capacity in core-hours: 2 cores × 1/3 h.
        assertThat(idle.allocated().cpuCoreHours()).isEqualByComparingTo("0.666666667");
    }

    @Test
    void nodeCreatedInsideTheWindowCostsOnlyFromItsCreation() {
        // Window 10:00–11:00, but n2 was created at 10:45: 15 min = 0.25 h × 0.096 = 0.024.
        // team-a requests 50 % CPU and 50 % memory of it: 0.024 × 0.5 = 0.012; idle the other 0.012.
        // n1, older than the window, costs the full hour: 0.096.
        Inventory inventory = inventory(
                List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO),
                        node("n2", "m5.large", 2000, 8, 0, at("10:45"))),
                List.of(allocation("n2", "team-a", "api", 1000, 4)));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.periodStart()).isEqualTo(at("10:45"));
        assertThat(a.periodEnd()).isEqualTo(at("11:00"));
        assertThat(a.totalCost()).isEqualByComparingTo("0.012");
        assertThat(a.requested().cpuCoreHours()).isEqualByComparingTo("0.25"); // 1 core × 0.25 h
        assertThat(idleLine(result, "n2", at("10:00")).totalCost()).isEqualByComparingTo("0.012");
        assertThat(idleLine(result, "n1", at("10:00")).totalCost()).isEqualByComparingTo("0.096");
    }

    @Test
    void nodeCreatedAfterTheObservationCostsNothing() {
        // A creation time after the inventory (clock skew) leaves no time to bill.
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, at("11:05"))), List.of()),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));

        assertThat(result.lines()).isEmpty();
    }

    @Test
    void windowCrossingAnHourBoundaryIsSplitIntoHourlyLines() {
        // Observed 10:40 then 11:10: 20 min in the 10:00 hour, 10 min in the 11:00 hour.
        // m5.large at 0.096/h: 0.096 × 20/60 = 0.032 and 0.096 × 10/60 = 0.016.
        // team-a takes 25 %/25 %: 0.008 and 0.004; idle takes 75 %: 0.024 and 0.012.
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-a", "api", 500, 2))),
                at("11:10"), at("10:40"), Fixtures.rates(CloudType.AWS));

        assertThat(result.lines()).extracting(CostLine::hourStart)
                .containsExactly(at("10:00"), at("10:00"), at("11:00"), at("11:00"));
        CostLine first = allocationLine(result, "team-a", at("10:00"));
        assertThat(first.periodStart()).isEqualTo(at("10:40"));
        assertThat(first.periodEnd()).isEqualTo(at("11:00"));
        assertThat(first.totalCost()).isEqualByComparingTo("0.008");
        CostLine second = allocationLine(result, "team-a", at("11:00"));
        assertThat(second.periodStart()).isEqualTo(at("11:00"));
        assertThat(second.periodEnd()).isEqualTo(at("11:10"));
        assertThat(second.totalCost()).isEqualByComparingTo("0.004");
        assertThat(idleLine(result, "n1", at("10:00")).totalCost()).isEqualByComparingTo("0.024");
        assertThat(idleLine(result, "n1", at("11:00")).totalCost()).isEqualByComparingTo("0.012");
        assertThat(total(result.lines())).isEqualByComparingTo("0.048");
    }

    @Test
    void usageAboveRequestIsWhatTheWorkloadPaysFor() {
        // x4.test: 4 cores, 16 GiB at 1.00/h: CPU pool 0.65, memory pool 0.35.
        // The workload requests 500m and 4 GiB, uses 2000m and 2 GiB:
        //   CPU max(500, 2000) = 2000m of 4000m = 50 % → 0.65 × 0.5 = 0.325
        //   memory max(4, 2) = 4 of 16 GiB = 25 % → 0.35 × 0.25 = 0.0875; total 0.4125
        // Idle: CPU 0.325, memory 0.35 × 0.75 = 0.2625; total 0.5875.
        Inventory inventory = inventory(List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "api", cpuMem(500, 4), cpuMem(2000, 2))));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.cpuCost()).isEqualByComparingTo("0.325");
        assertThat(a.memoryCost()).isEqualByComparingTo("0.0875");
        assertThat(a.totalCost()).isEqualByComparingTo("0.4125");
        // The figures for efficiency: what it pays for, asks for and uses, over 1 h.
        assertThat(a.allocated().cpuCoreHours()).isEqualByComparingTo("2");
        assertThat(a.requested().cpuCoreHours()).isEqualByComparingTo("0.5");
        assertThat(a.used().cpuCoreHours()).isEqualByComparingTo("2");
        assertThat(a.allocated().memoryGibHours()).isEqualByComparingTo("4");
        assertThat(a.requested().memoryGibHours()).isEqualByComparingTo("4");
        assertThat(a.used().memoryGibHours()).isEqualByComparingTo("2");
        CostLine idle = idleLine(result, "n1", at("10:00"));
        assertThat(idle.cpuCost()).isEqualByComparingTo("0.325");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.2625");
        assertThat(idle.totalCost()).isEqualByComparingTo("0.5875");
        assertThat(idle.allocated().cpuCoreHours()).isEqualByComparingTo("2");
        assertThat(idle.allocated().memoryGibHours()).isEqualByComparingTo("12");
    }

    @Test
    void withoutMetricsTheRequestAloneCountsAndUsedIsUnknown() {
        // usage null (no metrics.k8s.io): 1000m of 4000m = 25 %, 4 of 16 GiB = 25 % → 1.00 × 0.25 = 0.25.
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-a", "api", 1000, 4))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.totalCost()).isEqualByComparingTo("0.25");
        assertThat(a.used()).isNull();
    }

    @Test
    void gpuNodeChargesItsGpuToTheWorkloadRequestingIt() {
        // gpu.test: 4 cores, 16 GiB, 1 GPU at 1.00/h on the card. The GPU's part of that price is in the
        // proportion of the unit rates: GPU 1 × 0.80 = 0.80, CPU 4 × 0.025 = 0.10, memory 16 × 0.00625 = 0.10,
        // so GPU 1.00 × 0.80 / 1.00 = 0.80 and compute 0.20 (CPU pool 0.13, memory pool 0.07).
        // trainer requests the GPU, 1 core (25 %) and 4 GiB (25 %): 0.80 + 0.0325 + 0.0175 = 0.85.
        // sidecar requests 1 core and 4 GiB, no GPU: 0.0325 + 0.0175 = 0.05.
        // Idle: CPU 0.13 × 0.5 = 0.065, memory 0.07 × 0.5 = 0.035, GPU 0: 0.10. Total 1.00.
        Inventory inventory = inventory(List.of(node("gpu-1", "gpu.test", 4000, 16, 1, LONG_AGO)),
                List.of(allocation("gpu-1", "ml", "trainer", new Resources(1000, 4 * GIB, 1, 1), null),
                        allocation("gpu-1", "ml", "sidecar", 1000, 4)));
        ClusterRates rates = Fixtures.rates(CloudType.EKS);

        NodeRate nodeRate = rates.nodeRate(inventory.nodes().get(0));
        assertThat(nodeRate.basis()).isEqualTo(PricingBasis.INSTANCE_PRICE);
        assertThat(nodeRate.gpuHourly()).isEqualByComparingTo("0.80");
        assertThat(nodeRate.computeHourly()).isEqualByComparingTo("0.20");

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"), rates);

        CostLine trainer = line(result, l -> "trainer".equals(l.workloadName()));
        assertThat(trainer.gpuCost()).isEqualByComparingTo("0.80");
        assertThat(trainer.cpuCost()).isEqualByComparingTo("0.0325");
        assertThat(trainer.memoryCost()).isEqualByComparingTo("0.0175");
        assertThat(trainer.totalCost()).isEqualByComparingTo("0.85");
        assertThat(trainer.allocated().gpuHours()).isEqualByComparingTo("1");
        CostLine sidecar = line(result, l -> "sidecar".equals(l.workloadName()));
        assertThat(sidecar.gpuCost()).isEqualByComparingTo("0");
        assertThat(sidecar.totalCost()).isEqualByComparingTo("0.05");
        CostLine idle = idleLine(result, "gpu-1", at("10:00"));
        assertThat(idle.gpuCost()).isEqualByComparingTo("0");
        assertThat(idle.cpuCost()).isEqualByComparingTo("0.065");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.035");
        assertThat(total(result.lines())).isEqualByComparingTo("1.00");
    }

    @Test
    void unrequestedGpuIsIdleAndGpuRequestOnNodeWithoutGpuCostsNoGpu() {
        // Unit-rated generic nodes: gpu-1 has 1 GPU (0.80/h), cpu-1 none.
        // A workload on cpu-1 asking for a GPU gets no GPU cost there: there is none to allocate.
        // Nobody uses gpu-1's GPU: 0.80 of idle GPU cost.
        Inventory inventory = inventory(
                List.of(node("gpu-1", null, 4000, 16, 1, LONG_AGO), node("cpu-1", null, 4000, 16, 0, LONG_AGO)),
                List.of(allocation("cpu-1", "ml", "confused", new Resources(0, 0, 1, 1), null)));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.GENERIC));

        assertThat(line(result, l -> "confused".equals(l.workloadName())).totalCost()).isEqualByComparingTo("0");
        CostLine idleGpuNode = idleLine(result, "gpu-1", at("10:00"));
        assertThat(idleGpuNode.gpuCost()).isEqualByComparingTo("0.80");
        assertThat(idleGpuNode.allocated().gpuHours()).isEqualByComparingTo("1");
    }

    @Test
    void persistentVolumeClaimCostsItsSizeAtTheStorageRate() {
        // 73 GiB at 0.10 per GiB-month, 730 h a month: 73 × 0.10 / 730 = 0.01 an hour.
        // Window 10:00–12:00: one storage line per hour, 0.01 each, 73 GiB-hours each.
        // The Pending claim has no volume behind it and costs nothing.
        Inventory inventory = inventory(List.of(), List.of(),
                List.of(new Volume("db", "data-postgres-0", "gp3", 73 * GIB, "Bound"),
                        new Volume("db", "data-postgres-1", "gp3", 73 * GIB, "Pending")),
                List.of(namespace("db", Map.of("team", "payments"))), List.of());

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("12:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        assertThat(result.lines()).hasSize(2).allSatisfy(line -> {
            assertThat(line.kind()).isEqualTo(LineKind.STORAGE);
            assertThat(line.namespace()).isEqualTo("db");
            assertThat(line.volume()).isEqualTo("data-postgres-0");
            assertThat(line.storageClass()).isEqualTo("gp3");
            assertThat(line.node()).isNull();
            assertThat(line.storageCost()).isEqualByComparingTo("0.01");
            assertThat(line.totalCost()).isEqualByComparingTo("0.01");
            assertThat(line.allocated().storageGibHours()).isEqualByComparingTo("73");
            assertThat(line.label("team")).isEqualTo("payments");
        });
        assertThat(result.lines()).extracting(CostLine::hourStart).containsExactly(at("10:00"), at("11:00"));
    }

    @Test
    void genericClusterIsPricedByUnitRatesTimesCapacity() {
        // Generic cluster, installation rates CPU 0.03/core-h and memory 0.004/GiB-h (set as a project
        // override here). The node reports an instance type, which a generic cluster ignores:
        // 4 cores × 0.03 + 16 GiB × 0.004 = 0.12 + 0.064 = 0.184 an hour.
        // CPU pool 0.184 × 0.65 = 0.1196, memory pool 0.184 − 0.1196 = 0.0644.
        // team-a requests 2000m (50 %) and 4 GiB (25 %): CPU 0.0598, memory 0.0161, total 0.0759.
        // Idle: CPU 0.0598, memory 0.0644 × 0.75 = 0.0483, total 0.1081.
        ClusterRates rates = Fixtures.resolver().resolve(CloudType.GENERIC,
                RateOverride.of(dec("0.03"), dec("0.004"), null, null), null);
        Node node = node("worker-1", "m5.xlarge", "us-east-1", 4000, 16);

        NodeRate nodeRate = rates.nodeRate(node);
        assertThat(nodeRate.basis()).isEqualTo(PricingBasis.UNIT_RATES);
        assertThat(nodeRate.hourly()).isEqualByComparingTo("0.184");
        assertThat(nodeRate.reason()).contains("generic");

        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node), List.of(allocation("worker-1", "team-a", "api", 2000, 4))),
                at("11:00"), at("10:00"), rates);

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.cpuCost()).isEqualByComparingTo("0.0598");
        assertThat(a.memoryCost()).isEqualByComparingTo("0.0161");
        assertThat(a.totalCost()).isEqualByComparingTo("0.0759");
        CostLine idle = idleLine(result, "worker-1", at("10:00"));
        assertThat(idle.cpuCost()).isEqualByComparingTo("0.0598");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.0483");
        assertThat(idle.totalCost()).isEqualByComparingTo("0.1081");
    }

    @Test
    void instanceTypeMissingFromTheCardFallsBackToUnitRates() {
        // AWS cluster, m5.large but in ap-south-2, which the card does not price; and a made-up type in
        // us-east-1. Both cost unit rates: 2 cores × 0.025 + 8 GiB × 0.00625 = 0.05 + 0.05 = 0.10 an hour,
        // all idle here: CPU 0.10 × 0.65 = 0.065, memory 0.035.
        Node elsewhere = node("n1", "m5.large", "ap-south-2", 2000, 8);
        Node unknown = node("n2", "m9.enormous", "us-east-1", 2000, 8);
        ClusterRates rates = Fixtures.rates(CloudType.AWS);

        assertThat(rates.nodeRate(elsewhere).basis()).isEqualTo(PricingBasis.UNIT_RATES);
        assertThat(rates.nodeRate(elsewhere).reason()).isEqualTo("the rate card has no aws price for m5.large in ap-south-2");
        assertThat(rates.nodeRate(unknown).reason()).contains("m9.enormous");

        AccrualResult result = accrual.accrue(CLUSTER, inventory(List.of(elsewhere, unknown), List.of()),
                at("11:00"), at("10:00"), rates);

        for (String node : List.of("n1", "n2")) {
            CostLine idle = idleLine(result, node, at("10:00"));
            assertThat(idle.cpuCost()).isEqualByComparingTo("0.065");
            assertThat(idle.memoryCost()).isEqualByComparingTo("0.035");
            assertThat(idle.totalCost()).isEqualByComparingTo("0.10");
        }
    }

    @Test
    void clusterAndProjectOverridesPriceNodesAndVolumes() {
        // Project override: storage 0.20/GiB-month. Cluster override: CPU 0.05/core-h, m5.large at 0.08/h.
        // m5.large node: 0.08 (cluster override beats the card's 0.096), all idle.
        // Generic-looking node (no instance type), 2 cores 8 GiB: 2 × 0.05 + 8 × 0.00625 = 0.10 + 0.05 = 0.15.
        // 73 GiB claim: 73 × 0.20 / 730 = 0.02 an hour.
        ClusterRates rates = Fixtures.resolver().resolve(CloudType.AWS,
                RateOverride.of(null, null, null, dec("0.20")),
                new RateOverride(dec("0.05"), null, null, null, Map.of("m5.large", dec("0.08"))));
        Inventory inventory = inventory(
                List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO), node("n2", null, 2000, 8, 0, LONG_AGO)),
                List.of(), List.of(new Volume("db", "data", "gp3", 73 * GIB, "Bound")), List.of(), List.of());

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"), rates);

        assertThat(idleLine(result, "n1", at("10:00")).totalCost()).isEqualByComparingTo("0.08");
        assertThat(idleLine(result, "n2", at("10:00")).totalCost()).isEqualByComparingTo("0.15");
        assertThat(line(result, l -> l.kind() == LineKind.STORAGE).totalCost()).isEqualByComparingTo("0.02");
    }

    @Test
    void overCommittedNodeIsScaledDownProportionally() {
        // x4.test: 4 cores, 16 GiB at 1.00/h; CPU pool 0.65, memory pool 0.35.
        // a requests 3000m; b requests 1000m but uses 3000m. CPU demand 3000 + 3000 = 6000m > 4000m, so each
        // gets 3000 / 6000 = 50 % of the CPU (2 cores each) instead of 75 %: CPU 0.65 × 0.5 = 0.325 each.
        // Memory 4 of 16 GiB each = 25 %, under capacity, not scaled: 0.35 × 0.25 = 0.0875 each.
        // Each 0.4125; idle CPU 0, idle memory 0.35 × 0.5 = 0.175.
        Inventory inventory = inventory(List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "a", cpuMem(3000, 4), null),
                        allocation("n1", "team-b", "b", cpuMem(1000, 4), cpuMem(3000, 1))));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        for (String namespace : List.of("team-a", "team-b")) {
            CostLine line = allocationLine(result, namespace, at("10:00"));
            assertThat(line.cpuCost()).isEqualByComparingTo("0.325");
            assertThat(line.memoryCost()).isEqualByComparingTo("0.0875");
            assertThat(line.totalCost()).isEqualByComparingTo("0.4125");
            assertThat(line.allocated().cpuCoreHours()).isEqualByComparingTo("2");
        }
        assertThat(allocationLine(result, "team-a", at("10:00")).requested().cpuCoreHours()).isEqualByComparingTo("3");
        assertThat(allocationLine(result, "team-b", at("10:00")).used().cpuCoreHours()).isEqualByComparingTo("3");
        CostLine idle = idleLine(result, "n1", at("10:00"));
        assertThat(idle.cpuCost()).isEqualByComparingTo("0");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.175");
        assertThat(idle.allocated().cpuCoreHours()).isEqualByComparingTo("0");
        assertThat(total(result.lines())).isEqualByComparingTo("1.00");
    }

    @Test
    void cpuMemoryWeightChangedByConfigurationChangesTheShares() {
        // As usageAboveRequestIsWhatTheWorkloadPaysFor (CPU 50 %, memory 25 % of a 1.00/h node), at 80:20:
        // CPU 1.00 × 0.80 × 0.5 = 0.40, memory 1.00 × 0.20 × 0.25 = 0.05, total 0.45 (0.4125 at 65:35).
        // Idle: CPU 0.40, memory 0.20 × 0.75 = 0.15, total 0.55.
        CostAccrual eightyTwenty = new CostAccrual(AccrualSettings.DEFAULT.withWeight(CpuMemoryWeight.parse("80:20")));
        Inventory inventory = inventory(List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "api", cpuMem(500, 4), cpuMem(2000, 2))));

        AccrualResult result = eightyTwenty.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.cpuCost()).isEqualByComparingTo("0.40");
        assertThat(a.memoryCost()).isEqualByComparingTo("0.05");
        assertThat(a.totalCost()).isEqualByComparingTo("0.45");
        CostLine idle = idleLine(result, "n1", at("10:00"));
        assertThat(idle.cpuCost()).isEqualByComparingTo("0.40");
        assertThat(idle.memoryCost()).isEqualByComparingTo("0.15");
    }

    @Test
    void allocatedAndIdleAddUpToTheNodeCostEvenWithAwkwardFractions() {
        // Three workloads of 1000m on a 3-core node for 7 minutes: thirds of 7/60 of 0.096 do not terminate.
        // Allocated parts are truncated to 9 decimals and idle takes the remainder, so the node's cost,
        // 0.096 × 7/60 = 0.0112, is shared out exactly and idle is never negative.
        Inventory inventory = inventory(List.of(node("n1", "m5.large", 3000, 8, 0, LONG_AGO)),
                List.of(allocation("n1", "a", "w", 1000, 1), allocation("n1", "b", "w", 1000, 1),
                        allocation("n1", "c", "w", 1000, 1)));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("10:07"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        assertThat(total(result.lines())).isEqualByComparingTo("0.0112");
        CostLine idle = idleLine(result, "n1", at("10:00"));
        assertThat(idle.cpuCost()).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(dec("0.00000001"));
        assertThat(allocationLine(result, "a", at("10:00")).cpuCost()).isEqualByComparingTo("0.002426666");
    }

    @Test
    void sameInputsGiveEqualLinesWithStableNaturalKeys() {
        Inventory inventory = inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "api", 500, 2), allocation("n1", "team-b", "web", 1000, 4)),
                List.of(new Volume("team-a", "data", "gp3", 10 * GIB, "Bound")), List.of(), List.of());
        ClusterRates rates = Fixtures.rates(CloudType.AWS);

        AccrualResult first = accrual.accrue(CLUSTER, inventory, at("11:30"), at("10:15"), rates);
        AccrualResult replay = accrual.accrue(CLUSTER, inventory, at("11:30"), at("10:15"), rates);

        assertThat(replay.lines()).isEqualTo(first.lines());
        assertThat(replay.lines()).extracting(CostLine::id).isEqualTo(first.lines().stream().map(CostLine::id).toList());
        assertThat(first.lines()).extracting(CostLine::naturalKey).doesNotHaveDuplicates();
        assertThat(first.lines().get(0).naturalKey()).isEqualTo(
                CLUSTER + "|2026-03-02T11:30:00Z|2026-03-02T10:00:00Z|ALLOCATION|n1|team-a|Deployment|api|");

        // The next inventory of the same hour makes lines for the same hour, node and workload: distinct keys.
        AccrualResult next = accrual.accrue(CLUSTER, inventory, at("11:45"), at("11:30"), rates);
        assertThat(next.lines()).extracting(CostLine::naturalKey)
                .doesNotContainAnyElementsOf(first.lines().stream().map(CostLine::naturalKey).toList());
    }

    @Test
    void duplicatedAllocationsAreSummedSoKeysStayUnique() {
        // The same workload listed twice on n1 with 500m/2 GiB each counts as 1000m/4 GiB: 50 % of 0.096.
        Inventory inventory = inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "api", 500, 2), allocation("n1", "team-a", "api", 500, 2)));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        assertThat(result.lines()).hasSize(2);
        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.totalCost()).isEqualByComparingTo("0.048");
        assertThat(a.pods()).isEqualTo(2);
    }

    @Test
    void labelsOfNamespaceAndWorkloadTravelWithTheLine() {
        Inventory inventory = inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                List.of(allocation("n1", "team-a", "api", 500, 2)), List.of(),
                List.of(namespace("team-a", Map.of("team", "a", "env", "prod"))),
                List.of(new Workload("team-a", "Deployment", "api", 2, 2, Map.of("app", "api", "env", "canary"))));

        AccrualResult result = accrual.accrue(CLUSTER, inventory, at("11:00"), at("10:00"),
                Fixtures.rates(CloudType.AWS));

        CostLine a = allocationLine(result, "team-a", at("10:00"));
        assertThat(a.namespaceLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "env", "prod"));
        assertThat(a.workloadLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "api", "env", "canary"));
        assertThat(a.label("env")).isEqualTo("canary");
        assertThat(a.label("team")).isEqualTo("a");
        assertThat(a.label("missing")).isNull();
    }

    @Test
    void allocationOnNodeMissingFromTheInventoryIsReportedNotCosted() {
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)),
                        List.of(allocation("ghost", "team-a", "api", 500, 2))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));

        assertThat(result.lines()).extracting(CostLine::kind).containsExactly(LineKind.IDLE);
        assertThat(result.warnings()).singleElement().asString().contains("ghost");
    }

    @Test
    void firstInventoryOfAClusterAccruesNothing() {
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)), List.of()),
                at("11:00"), null, Fixtures.rates(CloudType.AWS));

        assertThat(result.window().isEmpty()).isTrue();
        assertThat(result.lines()).isEmpty();
    }

    @Test
    void silentAgentIsBilledForTheMaximumGapOnly() {
        // Previous inventory at 05:00, this one at 11:00; max gap 2 h: only 09:00–11:00 is billed,
        // 2 × 0.096 = 0.192.
        AccrualResult result = accrual.accrue(CLUSTER,
                inventory(List.of(node("n1", "m5.large", 2000, 8, 0, LONG_AGO)), List.of()),
                at("11:00"), at("05:00"), Fixtures.rates(CloudType.AWS));

        assertThat(result.window()).isEqualTo(new AccrualWindow(at("09:00"), at("11:00"), true));
        assertThat(result.lines()).extracting(CostLine::hourStart).containsExactly(at("09:00"), at("10:00"));
        assertThat(total(result.lines())).isEqualByComparingTo("0.192");
    }

    private static CostLine allocationLine(AccrualResult result, String namespace, Instant hour) {
        return line(result, l -> l.kind() == LineKind.ALLOCATION && namespace.equals(l.namespace())
                && hour.equals(l.hourStart()));
    }

    private static CostLine idleLine(AccrualResult result, String node, Instant hour) {
        return line(result, l -> l.kind() == LineKind.IDLE && node.equals(l.node()) && hour.equals(l.hourStart()));
    }

    private static CostLine line(AccrualResult result, Predicate<CostLine> which) {
        List<CostLine> lines = result.lines().stream().filter(which).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static BigDecimal total(List<CostLine> lines) {
        return lines.stream().map(CostLine::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, BigDecimal> totalsBy(AccrualResult result, Function<CostLine, String> key) {
        return result.lines().stream().collect(Collectors.groupingBy(key,
                Collectors.reducing(BigDecimal.ZERO, CostLine::totalCost, BigDecimal::add)))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stripTrailingZeros()));
    }
}
