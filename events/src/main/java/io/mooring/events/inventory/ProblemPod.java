package io.mooring.events.inventory;

import java.time.Instant;

/**
 * A pod in trouble: {@code reason} is the waiting reason (CrashLoopBackOff, ImagePullBackOff, ...) or
 * {@code Pending}; {@code since} is when it was created (pending) or last started (crash-looping).
 */
public record ProblemPod(
        String namespace,
        String name,
        String phase,
        String reason,
        int restarts,
        Instant since) {
}
