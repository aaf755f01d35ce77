package io.mooring.health.domain;

import io.mooring.events.inventory.ProblemPod;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a cluster's assessment could next change without anything new arriving: a pending pod crossing
 * {@link HealthThresholds#pendingTooLongAfter()}, the inventory growing older than
 * {@link HealthThresholds#inventoryStaleAfter()}, or at the latest {@code refreshEvery} after now, so the
 * stored messages ("last heartbeat 20s ago") never go very stale. Heartbeats in between cannot change the
 * status, so the service evaluates on a heartbeat only from this moment on, and its sweep evaluates what is
 * due; nothing has to load an inventory 333 times a second for 10,000 clusters.
 * Disconnection is not planned here: the sweep finds it from the heartbeat times.
 */
public final class EvaluationSchedule {

    /** A pod is stuck only strictly after its limit; evaluating this much later makes sure it crossed. */
    static final Duration PAST_THE_LINE = Duration.ofMillis(1);

    private final HealthThresholds thresholds;
    private final Duration refreshEvery;

    public EvaluationSchedule(HealthThresholds thresholds, Duration refreshEvery) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(refreshEvery, "refreshEvery");
        if (refreshEvery.isNegative() || refreshEvery.isZero()) {
            throw new IllegalArgumentException("refreshEvery must be positive: " + refreshEvery);
        }
        this.refreshEvery = refreshEvery;
    }

    /** The next evaluation after {@code ctx.now()}, or null when the cluster is not connected (nothing to plan). */
    public Instant nextEvaluation(HealthContext ctx) {
        if (ctx.connectivity() != Connectivity.CONNECTED) {
            return null;
        }
        Instant now = ctx.now();
        Instant next = now.plus(refreshEvery);
        if (ctx.inventoryObservedAt() != null) {
            next = earliestAfter(now, next, ctx.inventoryObservedAt().plus(thresholds.inventoryStaleAfter()).plus(PAST_THE_LINE));
        }
        for (ProblemPod pod : ctx.problemPods()) {
            if (pod.since() != null && PendingPodsCheck.isPending(pod)) {
                next = earliestAfter(now, next, pod.since().plus(thresholds.pendingTooLongAfter()).plus(PAST_THE_LINE));
            }
        }
        return next;
    }

    private static Instant earliestAfter(Instant now, Instant current, Instant candidate) {
        return candidate.isAfter(now) && candidate.isBefore(current) ? candidate : current;
    }
}
