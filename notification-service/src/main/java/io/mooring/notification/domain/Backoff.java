package io.mooring.notification.domain;

import java.time.Duration;

/** The wait before a delivery's next attempt: doubling from {@code initial} with every failure, capped. */
public record Backoff(Duration initial, Duration max) {

    /** The wait after the {@code failedAttempts}-th failed attempt (1 for the first). */
    public Duration after(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failedAttempts - 1, 40);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
