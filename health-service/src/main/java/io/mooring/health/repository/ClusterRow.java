package io.mooring.health.repository;

import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.ConnectivityUpdate;
import io.mooring.health.domain.HealthStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A cluster as health-service sees it: its health state joined to its directory entry (project, name, cloud type,
 * mode). {@code health} is null before the first assessment.
 */
public record ClusterRow(
        UUID clusterId,
        String project,
        String name,
        String cloudType,
        String importMode,
        Connectivity connectivity,
        Instant connectivitySince,
        Instant firstHeartbeat,
        Instant lastHeartbeat,
        UUID lastHeartbeatReport,
        String agentVersion,
        String agentPermissions,
        HealthStatus health,
        Instant healthSince,
        String checks,
        Instant evaluatedAt,
        Instant nextEvaluationAt,
        long healthVersion) {

    /** This row as it is after {@code update} was stored. */
    public ClusterRow with(ConnectivityUpdate update) {
        Instant since = update.changed()
                ? update.transitions().get(update.transitions().size() - 1).at()
                : connectivitySince;
        return new ClusterRow(clusterId, project, name, cloudType, importMode, update.state(), since,
                update.firstHeartbeat(), update.lastHeartbeat(), lastHeartbeatReport, agentVersion, agentPermissions,
                health, healthSince, checks, evaluatedAt, nextEvaluationAt, healthVersion);
    }

    /** Whether the assessment may have changed by {@code now} without new input. */
    public boolean evaluationDue(Instant now) {
        return health == null || nextEvaluationAt == null || !now.isBefore(nextEvaluationAt);
    }
}
