package io.mooring.health;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: real time plus an offset the tests move forward (never back, so tests that
 * run later never see time go backwards). Replaces the system clock bean.
 */
@Singleton
public class TestClock extends Clock {

    // Static so that test helpers outside CDI (report builders) read the same time as the service.
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    /** The service's current time. */
    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    public void advance(Duration d) {
        OFFSET.accumulateAndGet(d, Duration::plus);
    }

    @Override
    public Instant instant() {
        return now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
