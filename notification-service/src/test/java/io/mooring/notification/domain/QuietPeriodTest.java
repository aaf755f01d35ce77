package io.mooring.notification.domain;

import static io.mooring.notification.domain.QuietPeriod.Decision.HOLD;
import static io.mooring.notification.domain.QuietPeriod.Decision.NOTHING;
import static io.mooring.notification.domain.QuietPeriod.Decision.SEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietPeriodTest {

    private static final Duration QUIET = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aFirstProblemIsToldAtOnce() {
        assertThat(QuietPeriod.decide(null, false, null, "Degraded", true, QUIET, T0)).isEqualTo(SEND);
    }

    @Test
    void aClusterThatWasNeverInTroubleRaisesNothingWhenHealthy() {
        assertThat(QuietPeriod.decide(null, false, null, "Healthy", false, QUIET, T0)).isEqualTo(NOTHING);
    }

    @Test
    void theSameConditionAgainIsNothing() {
        assertThat(QuietPeriod.decide("Degraded", true, T0, "Degraded", true, QUIET, T0.plusSeconds(3600)))
                .isEqualTo(NOTHING);
    }

    @Test
    void aRecoveryWithinTheQuietPeriodIsHeldAndToldOnceItIsOver() {
        assertThat(QuietPeriod.decide("Degraded", true, T0, "Healthy", false, QUIET, T0.plusSeconds(60)))
                .isEqualTo(HOLD);
        assertThat(QuietPeriod.decide("Degraded", true, T0, "Healthy", false, QUIET, T0.plus(QUIET)))
                .isEqualTo(SEND);
    }

    @Test
    void aWorseConditionWithinTheQuietPeriodIsHeldToo() {
        assertThat(QuietPeriod.decide("Degraded", true, T0, "Unhealthy", true, QUIET, T0.plusSeconds(1)))
                .isEqualTo(HOLD);
    }

    @Test
    void aHealthyAfterARecoveryAlreadyToldIsNothing() {
        assertThat(QuietPeriod.decide("Connected", false, T0, "Healthy", false, QUIET, T0.plusSeconds(1)))
                .isEqualTo(NOTHING);
    }

    @Test
    void aZeroQuietPeriodTellsEveryChange() {
        assertThat(QuietPeriod.decide("Degraded", true, T0, "Healthy", false, Duration.ZERO, T0)).isEqualTo(SEND);
    }
}
