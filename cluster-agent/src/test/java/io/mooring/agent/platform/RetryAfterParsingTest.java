package io.mooring.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterParsingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void secondsAndHttpDatesAreReadAndCapped() {
        assertThat(PlatformClient.retryAfter("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(PlatformClient.retryAfter("Thu, 03 Dec 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PlatformClient.retryAfter("86400", NOW)).isEqualTo(PlatformClient.MAX_RETRY_AFTER);
    }

    @Test
    void absentPastOrUnreadableValuesAskForNothing() {
        assertThat(PlatformClient.retryAfter(null, NOW)).isNull();
        assertThat(PlatformClient.retryAfter("0", NOW)).isNull();
        assertThat(PlatformClient.retryAfter("-3", NOW)).isNull();
        assertThat(PlatformClient.retryAfter("Thu, 03 Dec 2026 09:00:00 GMT", NOW)).isNull();
        assertThat(PlatformClient.retryAfter("soon", NOW)).isNull();
    }
}
