package io.mooring.health.domain;

import io.mooring.events.payload.ClusterHealthChanged;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outcome of evaluating one cluster: the overall status and every check result that led to it. */
public record HealthAssessment(
        HealthStatus status,
        Connectivity connectivity,
        List<CheckResult> checks,
        Instant evaluatedAt) {

    public HealthAssessment {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        checks = List.copyOf(checks);
    }

    /** The results that did not pass, worst first: why the cluster is not Healthy. */
    public List<CheckResult> reasons() {
        return checks.stream()
                .filter(c -> !c.passed())
                .sorted((a, b) -> b.status().compareTo(a.status()))
                .toList();
    }

    public List<ClusterHealthChanged.CheckResult> payloadChecks() {
        return checks.stream().map(CheckResult::toPayload).toList();
    }
}
