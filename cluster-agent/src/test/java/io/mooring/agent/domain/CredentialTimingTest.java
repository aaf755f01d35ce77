package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialTimingTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void refreshesWithAFifthOfTheLifetimeLeft() {
        assertThat(CredentialTiming.refreshAt(T0, T0.plus(Duration.ofMinutes(15)), Duration.ofSeconds(60))).isEqualTo(T0.plus(Duration.ofMinutes(12)));
    }

    @Test
    void butAtLeastTheMarginBeforeExpiry() {
        assertThat(CredentialTiming.refreshAt(T0, T0.plus(Duration.ofMinutes(2)), Duration.ofSeconds(60))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aVeryShortTokenIsRefreshedHalfway() {
        assertThat(CredentialTiming.refreshAt(T0, T0.plusSeconds(10), Duration.ofSeconds(60))).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void anExpiredOrOddTokenIsRefreshedAtOnce() {
        assertThat(CredentialTiming.refreshAt(T0, T0.minusSeconds(1), Duration.ofSeconds(60))).isEqualTo(T0);
        assertThat(CredentialTiming.refreshAt(T0, null, Duration.ofSeconds(60))).isEqualTo(T0);
    }
}
