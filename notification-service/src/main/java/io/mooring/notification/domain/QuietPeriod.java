package io.mooring.notification.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a stateful rule tells a change now, holds it, or has nothing to tell. A rule remembers the last
 * condition it told and when: a change back to that condition is nothing (a flap seen through), a change within
 * the quiet period after the last alert is held, and the sweep tells the held condition once the period is over
 * if it still differs from what was told. Nothing is told about a cluster that was never in trouble (a first
 * Healthy or Connected).
 */
public final class QuietPeriod {

    public enum Decision {
        SEND, HOLD, NOTHING
    }

    private QuietPeriod() {
    }

    /**
     * @param lastTold the condition last alerted on, null when none
     * @param lastToldProblem whether that condition was a problem
     * @param lastToldAt when it was told, null when never
     */
    public static Decision decide(String lastTold, boolean lastToldProblem, Instant lastToldAt, String condition,
            boolean problem, Duration quiet, Instant now) {
        if (condition.equals(lastTold)) {
            return Decision.NOTHING;
        }
        if (!problem && (lastTold == null || !lastToldProblem)) {
            return Decision.NOTHING;
        }
        if (lastToldAt == null || !now.isBefore(lastToldAt.plus(quiet))) {
            return Decision.SEND;
        }
        return Decision.HOLD;
    }
}
