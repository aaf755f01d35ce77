package io.mooring.agent.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh the agent's token: once a fifth of its lifetime is left, but at least {@code margin} before it
 * expires, so that a platform that answers slowly, or not at all for a while, still finds the agent with a valid
 * token when it comes back.
 */
public final class CredentialTiming {

    private CredentialTiming() {
    }

    public static Instant refreshAt(Instant obtainedAt, Instant expiresAt, Duration margin) {
        if (expiresAt == null) {
            return obtainedAt;
        }
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return obtainedAt;
        }
        Duration early = lifetime.dividedBy(5);
        if (early.compareTo(margin) < 0) {
            early = margin;
        }
        if (early.compareTo(lifetime) > 0) {
            early = lifetime.dividedBy(2);
        }
        return expiresAt.minus(early);
    }
}
