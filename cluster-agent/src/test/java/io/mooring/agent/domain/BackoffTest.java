package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsGrowExponentiallyUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2, 0, new Random(1));

        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.failures()).isEqualTo(7);
    }

    @Test
    void jitterTakesARandomPartOffButNeverMoreThanItsShare() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5, new Random(42));
        Set<Long> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            double ceiling = backoff.ceiling(attempt);
            for (int i = 0; i < 50; i++) {
                long delay = backoff.delay(attempt).toMillis();
                assertThat(delay).isBetween(Math.round(ceiling * 0.5), Math.round(ceiling));
                seen.add(delay);
            }
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void agentsSentAwayWithTheSameRetryAfterComeBackSpreadOverItsJitterNeverEarlier() {
        Random shared = new Random(11);
        Set<Long> returns = new HashSet<>();
        for (int agent = 0; agent < 100; agent++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5, shared);
            long wait = backoff.spread(Duration.ofSeconds(10)).toMillis();
            assertThat(wait).isBetween(10_000L, 15_000L);
            returns.add(wait / 100);
        }
        assertThat(returns).as("tenths of a second the 100 agents come back in").hasSizeGreaterThan(30);
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0, new Random())
                .spread(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSuccessStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 3, 0, new Random());
        backoff.failed();
        backoff.failed();
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(900));

        backoff.reset();

        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void agentsThatFailedTogetherComeBackApart() {
        Random shared = new Random(7);
        Set<Long> fifthRetry = new HashSet<>();
        for (int agent = 0; agent < 100; agent++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, 0.5, shared);
            for (int i = 0; i < 4; i++) {
                backoff.failed();
            }
            fifthRetry.add(backoff.failed().toMillis());
        }
        assertThat(fifthRetry).hasSizeGreaterThan(90);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0.5, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.5, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0.5, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
