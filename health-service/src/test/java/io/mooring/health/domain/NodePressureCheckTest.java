package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.condition;
import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.node;
import static io.mooring.health.domain.Fixtures.nodeUnderPressure;
import static io.mooring.health.domain.Fixtures.readyNode;
import static io.mooring.health.domain.Fixtures.readyNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.inventory.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodePressureCheckTest {

    private final NodePressureCheck check = new NodePressureCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenNoNodeReportsPressure() {
        CheckResult result = check.check(inventory().nodes(readyNodes("node", 5)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("node-pressure");
        assertThat(result.message())
                .isEqualTo("No node reports MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable");
    }

    @Test
    void warnsWhenSomeNodesReportPressureAndNamesNodesAndConditions() {
        CheckResult result = check.check(inventory().nodes(
                readyNode("node-1"), nodeUnderPressure("node-2", "DiskPressure", "MemoryPressure"),
                readyNode("node-3"), nodeUnderPressure("node-4", "NetworkUnavailable"), readyNode("node-5")).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo(
                "2 of 5 nodes report pressure: node-2 (MemoryPressure, DiskPressure) and node-4 (NetworkUnavailable)");
    }

    @Test
    void failsWhenHalfTheNodesAreUnderPressure() {
        CheckResult result = check.check(inventory().nodes(
                readyNode("node-1"), nodeUnderPressure("node-2", "PIDPressure")).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo("1 of 2 nodes report pressure: node-2 (PIDPressure)");
    }

    @Test
    void conditionsThatAreFalseOrUnknownAreNotPressure() {
        CheckResult result = check.check(inventory().nodes(
                node("a", condition("Ready", "True", null), condition("DiskPressure", "False", null)),
                node("b", condition("Ready", "Unknown", null), condition("MemoryPressure", "Unknown", null)))
                .context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void truncatesTheListForALargeCluster() {
        List<Node> nodes = new ArrayList<>(readyNodes("ok", 90));
        for (int i = 0; i < 10; i++) {
            nodes.add(nodeUnderPressure("disk-" + i, "DiskPressure"));
        }

        CheckResult result = check.check(inventory().nodes(nodes).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).startsWith("10 of 100 nodes report pressure: disk-0 (DiskPressure)")
                .endsWith(" and 5 more");
    }
}
