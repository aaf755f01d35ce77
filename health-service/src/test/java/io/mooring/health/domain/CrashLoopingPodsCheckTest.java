package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static io.mooring.health.domain.Fixtures.crashLooping;
import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.pendingFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.inventory.ProblemPod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopingPodsCheckTest {

    private final CrashLoopingPodsCheck check = new CrashLoopingPodsCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenNoPodIsCrashLooping() {
        CheckResult result = check.check(inventory()
                .problemPods(pendingFor("default", "waiting", Duration.ofMinutes(1))).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("crash-looping-pods");
        assertThat(result.message()).isEqualTo("No pods are crash-looping");
    }

    @Test
    void warnsForApplicationPodsInCrashLoopBackOffWithMostRestartsFirst() {
        CheckResult result = check.check(inventory().problemPods(
                crashLooping("default", "web-1", 3), crashLooping("shop", "cart-7", 42)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("2 pods are crash-looping: shop/cart-7 (CrashLoopBackOff, 42 restarts)"
                + " and default/web-1 (CrashLoopBackOff, 3 restarts)");
    }

    @Test
    void failsWhenASystemPodIsCrashLoopingAndNamesItFirst() {
        CheckResult result = check.check(inventory().problemPods(
                crashLooping("default", "web-1", 50), crashLooping("kube-system", "coredns-5d7b", 1)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo("2 pods are crash-looping, 1 in kube-system: "
                + "kube-system/coredns-5d7b (CrashLoopBackOff, 1 restart) and default/web-1 (CrashLoopBackOff, 50 restarts)");
    }

    @Test
    void manyRestartsCountAsCrashLoopingBetweenBackOffs() {
        var oomKilled = new ProblemPod("default", "hungry", "Running", "OOMKilled", 5, NOW);
        var fewRestarts = new ProblemPod("default", "flaky", "Running", "Error", 4, NOW);

        CheckResult result = check.check(inventory().problemPods(oomKilled, fewRestarts).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("1 pod is crash-looping: default/hungry (OOMKilled, 5 restarts)");
    }

    @Test
    void restartThresholdIsConfigurable() {
        var sensitive = new CrashLoopingPodsCheck(HealthThresholds.DEFAULTS.withCrashLoopRestarts(2));
        var ctx = inventory().problemPods(new ProblemPod("default", "flaky", "Running", "Error", 2, NOW)).context();

        assertThat(check.check(ctx).status()).isEqualTo(CheckStatus.PASS);
        assertThat(sensitive.check(ctx).status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void truncatesTheListWhenManyPodsCrashLoop() {
        List<ProblemPod> pods = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pods.add(crashLooping("batch", "worker-" + i, i));
        }

        CheckResult result = check.check(inventory().problemPods(pods).context());

        assertThat(result.message()).startsWith("300 pods are crash-looping: batch/worker-299 (CrashLoopBackOff, 299 restarts)")
                .endsWith(" and 295 more");
        assertThat(result.message().length()).isLessThan(400);
    }
}
