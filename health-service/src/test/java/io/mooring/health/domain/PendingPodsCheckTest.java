package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.pendingFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.inventory.ProblemPod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PendingPodsCheckTest {

    private final PendingPodsCheck check = new PendingPodsCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenNoPodIsPending() {
        CheckResult result = check.check(inventory().context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("pending-pods");
        assertThat(result.message()).isEqualTo("No pods are Pending");
    }

    @Test
    void podsPendingForLessThanTheLimitPass() {
        CheckResult result = check.check(inventory().problemPods(
                pendingFor("default", "a", Duration.ofMinutes(2)),
                pendingFor("default", "b", Duration.ofMinutes(5))).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).isEqualTo("2 pods are Pending, none for more than 5m");
    }

    @Test
    void warnsForApplicationPodsPendingTooLongOldestFirstWithTheirReason() {
        var imagePull = new ProblemPod("shop", "cart-1", "Pending", "ImagePullBackOff", 0, NOW.minus(Duration.ofMinutes(12)));
        CheckResult result = check.check(inventory().problemPods(
                imagePull, pendingFor("batch", "job-x", Duration.ofMinutes(125)),
                pendingFor("default", "fresh", Duration.ofMinutes(1))).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("2 pods have been Pending for more than 5m: "
                + "batch/job-x (2h 5m) and shop/cart-1 (ImagePullBackOff, 12m)");
    }

    @Test
    void failsWhenASystemPodIsStuckPending() {
        CheckResult result = check.check(inventory().problemPods(
                pendingFor("kube-system", "coredns-abc", Duration.ofMinutes(6))).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo(
                "1 pod has been Pending for more than 5m, 1 in kube-system: kube-system/coredns-abc (6m)");
    }

    @Test
    void ageIsMeasuredToNowSoAPodCrossesTheLimitBetweenReports() {
        var pod = pendingFor("default", "slow", Duration.ofMinutes(4));
        var soon = inventory().problemPods(pod).context();
        var later = new HealthContext(soon.connectivity(), soon.lastHeartbeat(), soon.inventory(),
                soon.inventoryObservedAt(), NOW.plus(Duration.ofMinutes(2)));

        assertThat(check.check(soon).status()).isEqualTo(CheckStatus.PASS);
        assertThat(check.check(later).status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void limitIsConfigurable() {
        var patient = new PendingPodsCheck(HealthThresholds.DEFAULTS.withPendingTooLongAfter(Duration.ofMinutes(30)));
        var ctx = inventory().problemPods(pendingFor("default", "big", Duration.ofMinutes(20))).context();

        assertThat(check.check(ctx).status()).isEqualTo(CheckStatus.WARN);
        assertThat(patient.check(ctx).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void pendingPodWithoutAStartTimeIsNotJudged() {
        var unknownAge = new ProblemPod("default", "mystery", "Pending", "Pending", 0, null);

        assertThat(check.check(inventory().problemPods(unknownAge).context()).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void crashLoopingPodsAreNotPending() {
        var crashing = new ProblemPod("default", "web", "Running", "CrashLoopBackOff", 9, NOW.minus(Duration.ofHours(1)));

        assertThat(check.check(inventory().problemPods(crashing).context()).status()).isEqualTo(CheckStatus.PASS);
    }
}
