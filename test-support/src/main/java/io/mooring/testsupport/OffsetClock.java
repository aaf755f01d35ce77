package io.mooring.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * System time (UTC) plus an offset a test moves on when it needs time to pass (a token's expiry, a grace period) and
 * moves back afterwards. Not a bean itself: a service's tests make it theirs with a {@code @Singleton} subclass,
 * which then replaces the default Clock bean.
 */
public class OffsetClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset);
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
