package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.node;
import static io.mooring.health.domain.Fixtures.notReadyNode;
import static io.mooring.health.domain.Fixtures.readyNode;
import static io.mooring.health.domain.Fixtures.readyNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.inventory.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeReadinessCheckTest {

    private final NodeReadinessCheck check = new NodeReadinessCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenEveryNodeIsReady() {
        CheckResult result = check.check(inventory().nodes(readyNodes("node", 12)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("node-readiness");
        assertThat(result.message()).isEqualTo("All 12 nodes are Ready");
    }

    @Test
    void warnsWhenAMinorityOfNodesIsNotReadyAndNamesThem() {
        CheckResult result = check.check(inventory()
                .nodes(readyNode("node-a"), notReadyNode("node-c", "NodeStatusUnknown"), readyNode("node-b"))
                .context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("1 of 3 nodes is NotReady: node-c (NodeStatusUnknown)");
    }

    @Test
    void failsWhenHalfTheNodesAreNotReady() {
        CheckResult result = check.check(inventory()
                .nodes(readyNode("node-a"), notReadyNode("node-b", "KubeletNotReady")).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo("1 of 2 nodes is NotReady: node-b (KubeletNotReady)");
    }

    @Test
    void failsWhenEveryNodeIsNotReady() {
        CheckResult result = check.check(inventory()
                .nodes(notReadyNode("node-b", "NodeStatusUnknown"), notReadyNode("node-a", "NodeStatusUnknown"))
                .context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message())
                .isEqualTo("All 2 nodes are NotReady: node-a (NodeStatusUnknown) and node-b (NodeStatusUnknown)");
    }

    @Test
    void failsWhenTheOnlyNodeIsNotReady() {
        CheckResult result = check.check(inventory().nodes(notReadyNode("solo", "KubeletNotReady")).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo("The only node is NotReady: solo (KubeletNotReady)");
    }

    @Test
    void nodeWithoutAReadyConditionCountsAsNotReady() {
        CheckResult result = check.check(inventory().nodes(readyNode("a"), readyNode("b"), node("new")).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).contains("new (no Ready condition)");
    }

    @Test
    void failRatioIsConfigurable() {
        var strict = new NodeReadinessCheck(HealthThresholds.DEFAULTS.withNodesNotReadyFailRatio(0.2));
        var ctx = inventory().nodes(readyNode("a"), readyNode("b"), readyNode("c"), notReadyNode("d", "X")).context();

        assertThat(check.check(ctx).status()).isEqualTo(CheckStatus.WARN);
        assertThat(strict.check(ctx).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void namesAFewNodesOfALargeClusterAndCountsTheRest() {
        List<Node> nodes = new ArrayList<>(readyNodes("ready", 900));
        for (int i = 10; i < 110; i++) {
            nodes.add(notReadyNode("broken-" + i, "NodeStatusUnknown"));
        }

        CheckResult result = check.check(inventory().nodes(nodes).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).startsWith("100 of 1000 nodes are NotReady: broken-10 (NodeStatusUnknown), ")
                .endsWith("broken-14 (NodeStatusUnknown) and 95 more");
    }

    @Test
    void warnsWhenTheInventoryListsNoNodes() {
        CheckResult result = check.check(inventory().nodes(List.of()).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("The inventory lists no nodes");
    }
}
