package io.mooring.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The driver's agents come back as the service asks, spread out, as the real agent does. */
class LoadDriverTest {

    @Test
    void aServiceThatSaysComeBackLaterIsLeftAloneThatLongPlusJitterNeverLess() {
        Duration asked = LoadDriver.retryAfter(503, "10");
        assertThat(asked).isEqualTo(Duration.ofSeconds(10));

        Set<Long> seconds = new HashSet<>();
        for (int agent = 0; agent < 200; agent++) {
            long wait = LoadDriver.comeBackIn(asked).toMillis();
            assertThat(wait).isBetween(10_000L, 15_000L);
            seconds.add(wait / 1000);
        }
        assertThat(seconds).as("whole seconds the agents come back in").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyA429Or503WithDelaySecondsAsksForAWait() {
        assertThat(LoadDriver.retryAfter(429, " 3 ")).isEqualTo(Duration.ofSeconds(3));
        assertThat(LoadDriver.retryAfter(503, null)).isNull();
        assertThat(LoadDriver.retryAfter(404, "10")).isNull();
        assertThat(LoadDriver.retryAfter(503, "Fri, 04 Dec 2026 21:00:00 GMT")).isNull();
        assertThat(LoadDriver.retryAfter(503, "0")).isNull();
    }
}
