package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static io.mooring.health.domain.Fixtures.crashLooping;
import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.notReadyNode;
import static io.mooring.health.domain.Fixtures.readyNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.AllocationTable;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.payload.ClusterHealthChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private final HealthRules evaluator = new HealthRules(HealthThresholds.DEFAULTS);

    @Test
    void runsTheStandardChecksInAFixedOrder() {
        assertThat(evaluator.checks()).extracting(HealthCheck::name).containsExactly(
                "agent-connected", "node-readiness", "node-pressure", "system-workloads", "crash-looping-pods",
                "pending-pods", "kubernetes-version");
    }

    @Test
    void clusterIsHealthyWhenEveryCheckPasses() {
        HealthAssessment assessment = evaluator.evaluate(inventory().context());

        assertThat(assessment.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(assessment.checks()).hasSize(7).allMatch(CheckResult::passed);
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.evaluatedAt()).isEqualTo(NOW);
    }

    @Test
    void clusterIsDegradedWhenACheckWarns() {
        HealthAssessment assessment = evaluator.evaluate(
                inventory().problemPods(crashLooping("default", "web-1", 7)).context());

        assertThat(assessment.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(assessment.reasons()).extracting(CheckResult::name).containsExactly("crash-looping-pods");
    }

    @Test
    void clusterIsUnhealthyWhenACheckFailsWhateverElseWarns() {
        HealthAssessment assessment = evaluator.evaluate(inventory()
                .nodes(readyNode("a"), notReadyNode("b", "NodeStatusUnknown"))
                .problemPods(crashLooping("default", "web-1", 7))
                .context());

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(assessment.reasons()).extracting(CheckResult::name, CheckResult::status).containsExactly(
                tuple("node-readiness", CheckStatus.FAIL), tuple("crash-looping-pods", CheckStatus.WARN));
    }

    @Test
    void clusterIsUnknownWhileDisconnectedEvenIfItsLastInventoryLookedBad() {
        var ctx = new HealthContext(Connectivity.DISCONNECTED, NOW.minus(Duration.ofMinutes(20)),
                inventory().nodes(notReadyNode("a", "NodeStatusUnknown")).build(), NOW.minus(Duration.ofMinutes(20)), NOW);

        HealthAssessment assessment = evaluator.evaluate(ctx);

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.connectivity()).isEqualTo(Connectivity.DISCONNECTED);
        assertThat(assessment.checks()).extracting(CheckResult::name, CheckResult::status)
                .containsExactly(tuple("agent-connected", CheckStatus.FAIL));
    }

    @Test
    void clusterIsUnknownBeforeItsAgentConnects() {
        HealthAssessment assessment = evaluator.evaluate(HealthContext.of(Connectivity.PENDING, null, null, NOW));

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.reasons()).extracting(CheckResult::message).containsExactly("The agent has not connected yet");
    }

    @Test
    void clusterIsUnknownWhenConnectedWithoutAnInventoryYet() {
        HealthAssessment assessment = evaluator.evaluate(HealthContext.of(Connectivity.CONNECTED, NOW, null, NOW));

        assertThat(assessment.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(assessment.checks()).extracting(CheckResult::status).containsExactly(CheckStatus.WARN);
    }

    @Test
    void contextTakesTheInventoryAndItsTimeFromTheLatestReport() {
        var report = new InventoryReport(UUID.randomUUID(), NOW.minusSeconds(90), inventory().build());

        HealthContext ctx = HealthContext.of(Connectivity.CONNECTED, NOW, report, NOW);

        assertThat(ctx.inventory()).isSameAs(report.inventory());
        assertThat(ctx.inventoryObservedAt()).isEqualTo(report.observedAt());
        assertThat(evaluator.evaluate(ctx).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void sparseInventoryWithMissingListsDoesNotBreakTheChecks() {
        var sparse = new Inventory("v1.30.1", null, null, null, null, null, (AllocationTable) null, null,
                null, null, false);

        HealthAssessment assessment = evaluator.evaluate(new HealthContext(Connectivity.CONNECTED, NOW, sparse, NOW, NOW));

        assertThat(assessment.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(assessment.reasons()).extracting(CheckResult::message).containsExactly("The inventory lists no nodes");
    }

    @Test
    void aCheckThatThrowsWarnsInsteadOfStoppingTheOthers() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckResult check(HealthContext context) {
                throw new IllegalStateException("boom");
            }
        };
        var withBroken = new HealthRules(List.of(broken, new NodeReadinessCheck(HealthThresholds.DEFAULTS)));

        HealthAssessment assessment = withBroken.evaluate(inventory().context());

        assertThat(assessment.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(assessment.checks()).extracting(CheckResult::name).containsExactly("broken", "node-readiness");
        assertThat(assessment.checks().get(0).message())
                .isEqualTo("The check could not be evaluated (IllegalStateException)");
    }

    @Test
    void transitionIsReportedWhenTheStatusChangesWithTheReasons() {
        HealthAssessment degraded = evaluator.evaluate(inventory()
                .nodes(readyNode("a"), readyNode("b"), notReadyNode("c", "KubeletNotReady")).context());

        HealthTransition transition = HealthTransition.between(HealthStatus.HEALTHY, degraded).orElseThrow();

        assertThat(transition.previous()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(transition.current()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(transition.at()).isEqualTo(NOW);
        assertThat(transition.reasons()).extracting(CheckResult::message)
                .containsExactly("1 of 3 nodes is NotReady: c (KubeletNotReady)");
        assertThat(transition.checks()).hasSize(7);
        assertThat(transition.summary())
                .isEqualTo("Healthy → Degraded: node-readiness: 1 of 3 nodes is NotReady: c (KubeletNotReady)");
    }

    @Test
    void noTransitionWhenTheStatusStaysTheSameForAnotherReason() {
        var before = inventory().nodes(readyNode("a"), readyNode("b"), notReadyNode("c", "X")).context();
        var after = inventory().problemPods(crashLooping("default", "web", 9)).context();

        assertThat(evaluator.evaluateChange(HealthStatus.DEGRADED, before)).isEmpty();
        assertThat(evaluator.evaluateChange(HealthStatus.DEGRADED, after)).isEmpty();
    }

    @Test
    void firstAssessmentIsATransitionFromNothing() {
        HealthTransition transition = evaluator.evaluateChange(null, HealthContext.of(Connectivity.PENDING, null, null, NOW))
                .orElseThrow();

        assertThat(transition.previous()).isNull();
        assertThat(transition.current()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(transition.summary()).startsWith("(none) → Unknown: agent-connected: The agent has not connected yet");
    }

    @Test
    void transitionMapsToClusterHealthChanged() {
        UUID clusterId = UUID.randomUUID();
        HealthAssessment unhealthy = evaluator.evaluate(inventory().version("v1.17.0").context());

        ClusterHealthChanged event = HealthTransition.between(HealthStatus.HEALTHY, unhealthy).orElseThrow()
                .toEvent(clusterId, "payments");

        assertThat(event.clusterId()).isEqualTo(clusterId);
        assertThat(event.project()).isEqualTo("payments");
        assertThat(event.previous()).isEqualTo("Healthy");
        assertThat(event.current()).isEqualTo("Unhealthy");
        assertThat(event.connectivity()).isEqualTo("Connected");
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.checks()).hasSize(7).contains(new ClusterHealthChanged.CheckResult("kubernetes-version", "fail",
                "Kubernetes 1.17 (v1.17.0) is older than 1.19, the oldest supported version"));
        assertThat(event.checks()).extracting(ClusterHealthChanged.CheckResult::status).containsOnly("pass", "fail");
    }

    @Test
    void recoveryToHealthyHasNoReasons() {
        HealthTransition transition = evaluator.evaluateChange(HealthStatus.UNHEALTHY, inventory().context()).orElseThrow();

        assertThat(transition.reasons()).isEmpty();
        assertThat(transition.summary()).isEqualTo("Unhealthy → Healthy: all checks pass");
    }

    /** The local-stack scenario: a node goes NotReady, the cluster degrades, the node comes back. */
    @Test
    void scriptedNotReadyNodeTurnsTheClusterDegradedAndBack() {
        HealthStatus stored = HealthStatus.UNKNOWN;
        var healthy = inventory().nodes(readyNode("a"), readyNode("b"), readyNode("c")).context();
        var oneDown = inventory().nodes(readyNode("a"), readyNode("b"), notReadyNode("c", "NodeStatusUnknown")).context();

        List<HealthStatus> history = new ArrayList<>();
        for (HealthContext ctx : List.of(healthy, healthy, oneDown, oneDown, healthy)) {
            var change = evaluator.evaluateChange(stored, ctx);
            if (change.isPresent()) {
                stored = change.get().current();
                history.add(stored);
            }
        }

        assertThat(history).containsExactly(HealthStatus.HEALTHY, HealthStatus.DEGRADED, HealthStatus.HEALTHY);
    }

    @Test
    void statusNamesReadBackFromEitherForm() {
        assertThat(HealthStatus.parse("Degraded")).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.parse("UNHEALTHY")).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(CheckStatus.parse("warn")).isEqualTo(CheckStatus.WARN);
        assertThat(HealthStatus.of(CheckStatus.FAIL)).isEqualTo(HealthStatus.UNHEALTHY);
    }
}
