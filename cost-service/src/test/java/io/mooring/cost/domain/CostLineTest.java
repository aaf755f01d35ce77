package io.mooring.cost.domain;

import static io.mooring.cost.domain.Fixtures.CLUSTER;
import static io.mooring.cost.domain.Fixtures.LONG_AGO;
import static io.mooring.cost.domain.Fixtures.allocation;
import static io.mooring.cost.domain.Fixtures.at;
import static io.mooring.cost.domain.Fixtures.cpuMem;
import static io.mooring.cost.domain.Fixtures.inventory;
import static io.mooring.cost.domain.Fixtures.namespace;
import static io.mooring.cost.domain.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CostLineTest {

    private final CostAccrual accrual = new CostAccrual(AccrualSettings.DEFAULT);

    private CostLine line(AccrualResult result, LineKind kind, String namespace) {
        return result.lines().stream().filter(l -> l.kind() == kind
                && (namespace == null || namespace.equals(l.namespace()))).findFirst().orElseThrow();
    }

    @Test
    void usedCostIsTheShareOfEachPartActuallyUsed() {
        // x4.test: 4 cores, 16 GiB at 1.00/h: CPU pool 0.65, memory 0.35. team-a requests 2 cores and 8 GiB
        // (50 %: 0.325 + 0.175 = 0.50) but uses 1 core and 8 GiB: used 0.325 / 2 + 0.175 = 0.3375.
        AccrualResult result = accrual.accrue(CLUSTER, inventory(
                        List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-a", "api", cpuMem(2000, 8), cpuMem(1000, 8)))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));
        CostLine team = line(result, LineKind.ALLOCATION, "team-a");
        assertThat(team.totalCost()).isEqualByComparingTo("0.50");
        assertThat(team.usedCost()).isEqualByComparingTo("0.3375");
        assertThat(line(result, LineKind.IDLE, null).usedCost()).isEqualByComparingTo("0");
    }

    @Test
    void withoutMetricsRequestsStandInForUsageAndClaimsCountAsUsed() {
        AccrualResult result = accrual.accrue(CLUSTER, inventory(
                        List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-a", "api", 1000, 4)),
                        List.of(new Volume("team-a", "data", "gp3", 73 * Fixtures.GIB, "Bound")), List.of(), List.of()),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));
        CostLine team = line(result, LineKind.ALLOCATION, "team-a");
        assertThat(team.usedCost()).isEqualByComparingTo(team.totalCost());
        CostLine claim = line(result, LineKind.STORAGE, "team-a");
        assertThat(claim.usedCost()).isEqualByComparingTo(claim.totalCost()).isEqualByComparingTo("0.01");
    }

    @Test
    void usageAboveTheAllocationUsesAllOfIt() {
        // Over-committed: 3 + 3 cores used on 4; each is scaled to 2, and uses all it pays for.
        AccrualResult result = accrual.accrue(CLUSTER, inventory(
                        List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                        List.of(allocation("n1", "a", "x", cpuMem(1000, 1), cpuMem(3000, 1)),
                                allocation("n1", "b", "y", cpuMem(1000, 1), cpuMem(3000, 1)))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));
        CostLine a = line(result, LineKind.ALLOCATION, "a");
        assertThat(a.usedCost()).isEqualByComparingTo(a.totalCost());
    }

    @Test
    void aWorkloadsLabelsWinOverItsNamespaces() {
        AccrualResult result = accrual.accrue(CLUSTER, inventory(
                        List.of(node("n1", "x4.test", 4000, 16, 0, LONG_AGO)),
                        List.of(allocation("n1", "team-b", "web", 1000, 4)), List.of(),
                        List.of(namespace("team-b", Map.of("team", "beta", "cost-centre", "42"))),
                        List.of(new Workload("team-b", "Deployment", "web", 1, 1, Map.of("team", "gamma")))),
                at("11:00"), at("10:00"), Fixtures.rates(CloudType.AWS));
        assertThat(line(result, LineKind.ALLOCATION, "team-b").labels())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("cost-centre", "42", "team", "gamma")));
    }
}
