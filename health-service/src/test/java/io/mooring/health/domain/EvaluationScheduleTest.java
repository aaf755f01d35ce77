package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationScheduleTest {

    private final EvaluationSchedule schedule = new EvaluationSchedule(HealthThresholds.DEFAULTS, Duration.ofMinutes(5));

    @Test
    void aQuietConnectedClusterIsRefreshedPeriodically() {
        HealthContext ctx = Fixtures.inventory().context();

        assertThat(schedule.nextEvaluation(ctx)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aClusterThatIsNotConnectedHasNothingPlanned() {
        assertThat(schedule.nextEvaluation(new HealthContext(Connectivity.PENDING, null, null, null, NOW))).isNull();
        assertThat(schedule.nextEvaluation(new HealthContext(Connectivity.DISCONNECTED, NOW.minusSeconds(900),
                Fixtures.inventory().build(), NOW.minusSeconds(900), NOW))).isNull();
    }

    @Test
    void aPendingPodIsJudgedJustAfterItCrossesItsLimit() {
        var pod = Fixtures.pendingFor("shop", "web-1", Duration.ofMinutes(4));
        HealthContext ctx = Fixtures.inventory().problemPods(pod).context();

        var next = schedule.nextEvaluation(ctx);

        assertThat(next).isEqualTo(NOW.plus(Duration.ofMinutes(1)).plus(EvaluationSchedule.PAST_THE_LINE));
        HealthContext then = new HealthContext(ctx.connectivity(), ctx.lastHeartbeat(), ctx.inventory(),
                ctx.inventoryObservedAt(), next);
        assertThat(new PendingPodsCheck(HealthThresholds.DEFAULTS).check(then).status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void aPodAlreadyStuckPlansNothingEarlier() {
        var pod = Fixtures.pendingFor("shop", "web-1", Duration.ofMinutes(30));

        assertThat(schedule.nextEvaluation(Fixtures.inventory().problemPods(pod).context()))
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anInventoryAboutToGoStaleIsJudgedWhenItDoes() {
        HealthContext fresh = Fixtures.inventory().context();
        HealthContext ageing = new HealthContext(Connectivity.CONNECTED, NOW, fresh.inventory(),
                NOW.minus(Duration.ofMinutes(28)), NOW);

        assertThat(schedule.nextEvaluation(ageing))
                .isEqualTo(NOW.plus(Duration.ofMinutes(2)).plus(EvaluationSchedule.PAST_THE_LINE));
    }

    @Test
    void theRefreshIntervalMustBePositive() {
        assertThatThrownBy(() -> new EvaluationSchedule(HealthThresholds.DEFAULTS, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
