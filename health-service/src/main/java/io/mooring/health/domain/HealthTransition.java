package io.mooring.health.domain;

import io.mooring.events.payload.ClusterHealthChanged;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A change of overall health, as kept in history and published. {@code previous} is null for a cluster's
 * first assessment. {@code reasons} are the non-passing results (empty when the cluster became Healthy);
 * {@code checks} are all results.
 */
public record HealthTransition(
        HealthStatus previous,
        HealthStatus current,
        Connectivity connectivity,
        List<CheckResult> reasons,
        List<CheckResult> checks,
        Instant at) {

    public HealthTransition {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(at, "at");
        if (previous == current) {
            throw new IllegalArgumentException("Not a transition: " + previous + " to " + current);
        }
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
    }

    /**
     * Whether the status changed, and if so how: nothing when it did not. Only the status counts; the same
     * status for a different reason is not a transition, or every changed pod name would be one.
     */
    public static Optional<HealthTransition> between(HealthStatus previous, HealthAssessment current) {
        if (previous == current.status()) {
            return Optional.empty();
        }
        return Optional.of(new HealthTransition(previous, current.status(), current.connectivity(),
                current.reasons(), current.checks(), current.evaluatedAt()));
    }

    /** One line for history views and logs, e.g. "Healthy → Degraded: node-readiness: 1 of 3 nodes is NotReady: ...". */
    public String summary() {
        String from = previous == null ? "(none)" : previous.displayName();
        String why = reasons.isEmpty()
                ? "all checks pass"
                : reasons.stream().map(r -> r.name() + ": " + r.message()).collect(Collectors.joining("; "));
        return Messages.cap(from + " → " + current.displayName() + ": " + why);
    }

    public ClusterHealthChanged toEvent(UUID clusterId, String project) {
        return new ClusterHealthChanged(
                clusterId,
                project,
                previous == null ? null : previous.displayName(),
                current.displayName(),
                connectivity.displayName(),
                checks.stream().map(CheckResult::toPayload).toList(),
                at);
    }
}
