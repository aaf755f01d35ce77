package io.mooring.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterHealthChanged.CheckResult;
import io.mooring.events.payload.ModeChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignalsTest {

    private static final UUID CLUSTER = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aDegradedClusterGivesAHealthProblemWithOnlyTheFailingChecksAndItsConnectivity() {
        List<Signal> signals = Signals.of(new ClusterHealthChanged(CLUSTER, "p", "Healthy", "Degraded", "Connected",
                List.of(new CheckResult("agent-connected", "pass", "ok"),
                        new CheckResult("node-readiness", "warn", "1 of 3 nodes not ready: n1")), AT));

        assertThat(signals).extracting(Signal::trigger).containsExactly(Trigger.CONNECTIVITY, Trigger.HEALTH);
        Signal health = signals.get(1);
        assertThat(health.problem()).isTrue();
        assertThat(health.condition()).isEqualTo("Degraded");
        assertThat(health.checks()).extracting(Signal.Check::name).containsExactly("node-readiness");
        assertThat(health.summary()).contains("node-readiness: 1 of 3 nodes not ready: n1");
        assertThat(signals.get(0).problem()).isFalse();
    }

    @Test
    void aSilentAgentIsAConnectivityProblemAndItsUnknownHealthNoSignal() {
        List<Signal> signals = Signals.of(new ClusterHealthChanged(CLUSTER, "p", "Healthy", "Unknown",
                "Disconnected", List.of(), AT));

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.trigger()).isEqualTo(Trigger.CONNECTIVITY);
            assertThat(s.condition()).isEqualTo("Disconnected");
            assertThat(s.problem()).isTrue();
        });
    }

    @Test
    void aPendingClusterSaysNothingAboutConnectivity() {
        assertThat(Signals.of(new ClusterHealthChanged(CLUSTER, "p", null, "Unknown", "Pending", List.of(), AT)))
                .isEmpty();
    }

    @Test
    void aFailedOrDriftedLayerIsAProblemAndDeployedItsRecoveryButApplyingNothing() {
        UUID attachment = UUID.randomUUID();
        assertThat(Signals.of(layer(attachment, "Failed"))).singleElement()
                .satisfies(s -> assertThat(s.problem()).isTrue());
        assertThat(Signals.of(layer(attachment, "Drifted"))).singleElement()
                .satisfies(s -> assertThat(s.subject()).isEqualTo(attachment + "/crds"));
        assertThat(Signals.of(layer(attachment, "Deployed"))).singleElement()
                .satisfies(s -> assertThat(s.problem()).isFalse());
        assertThat(Signals.of(layer(attachment, "Applying"))).isEmpty();
    }

    @Test
    void migrationsAndDeletionsAreOneOffSignals() {
        assertThat(Signals.of(new ModeChanged(CLUSTER, "p", "read-only", "full-permission", "otto", AT)))
                .singleElement().satisfies(s -> {
                    assertThat(s.trigger()).isEqualTo(Trigger.MIGRATION);
                    assertThat(s.trigger().stateful()).isFalse();
                    assertThat(s.summary()).contains("read-only → full-permission");
                });
        assertThat(Signals.of(new ClusterDeleted(CLUSTER, "p", true, "ada", AT))).singleElement()
                .satisfies(s -> assertThat(s.trigger()).isEqualTo(Trigger.DELETION));
    }

    private static AddonDeploymentChanged layer(UUID attachment, String status) {
        return new AddonDeploymentChanged(CLUSTER, "p", attachment, "observability", "1.2.0", "crds", "Deployed",
                status, "apply failed", AT);
    }
}
