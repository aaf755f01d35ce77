package io.mooring.agent.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits {@code initial × multiplier^(n-1)}, capped
 * at {@code max}, of which a random part of up to {@code jitter} (0..1) is taken off, so that a fleet of agents
 * that lost the platform at the same moment does not come back at the same moment. {@link #reset()} after a
 * success. Not thread-safe: one instance per loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration max, double multiplier, double jitter, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must not be below initial");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random);
    }

    /** Records a failure and answers how long to wait before the next try. */
    public Duration failed() {
        failures++;
        return delay(failures);
    }

    /** The wait after the {@code attempt}-th consecutive failure (1-based), jitter included. */
    public Duration delay(int attempt) {
        double ceiling = ceiling(attempt);
        double waited = ceiling * (1 - jitter * random.nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(waited)));
    }

    /** The wait after the {@code attempt}-th failure before jitter: the upper bound of {@link #delay(int)}. */
    public double ceiling(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Math.min(max.toMillis(), millis);
    }

    /**
     * A wait the platform asked for ({@code Retry-After}), lengthened by a random part of up to {@code jitter} of
     * itself and never shortened: the agents a platform sent away at the same moment (10,000 new clusters whose
     * imports it has not taken in yet, say) do not all come back at the same moment.
     */
    public Duration spread(Duration asked) {
        long millis = asked.toMillis();
        return Duration.ofMillis(millis + Math.round(millis * jitter * random.nextDouble()));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
