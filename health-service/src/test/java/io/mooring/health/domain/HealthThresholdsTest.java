package io.mooring.health.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthThresholdsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        HealthThresholds d = HealthThresholds.defaults();

        assertThat(d.disconnectedAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.inventoryStaleAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.nodesNotReadyFailRatio()).isEqualTo(0.5);
        assertThat(d.nodesUnderPressureFailRatio()).isEqualTo(0.5);
        assertThat(d.crashLoopRestarts()).isEqualTo(5);
        assertThat(d.pendingTooLongAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.systemNamespaces()).containsExactly("kube-system");
        assertThat(d.minimumKubernetesVersion()).isEqualTo(KubernetesVersion.of(1, 19));
        assertThat(d.maxNamesInMessage()).isEqualTo(5);
    }

    @Test
    void withersChangeOneThresholdOnly() {
        HealthThresholds changed = HealthThresholds.DEFAULTS.withPendingTooLongAfter(Duration.ofMinutes(15));

        assertThat(changed.pendingTooLongAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(changed.withPendingTooLongAfter(Duration.ofMinutes(5))).isEqualTo(HealthThresholds.DEFAULTS);
    }

    @Test
    void nonsensicalThresholdsAreRefused() {
        HealthThresholds d = HealthThresholds.DEFAULTS;
        assertThatThrownBy(() -> d.withDisconnectedAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withNodesNotReadyFailRatio(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withNodesUnderPressureFailRatio(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withCrashLoopRestarts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxNamesInMessage(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSystemNamespaces(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void systemNamespacesAreCopied() {
        var namespaces = new HashSet<>(Set.of("kube-system"));
        HealthThresholds t = HealthThresholds.DEFAULTS.withSystemNamespaces(namespaces);
        namespaces.add("default");

        assertThat(t.isSystemNamespace("default")).isFalse();
        assertThat(t.isSystemNamespace(null)).isFalse();
    }
}
