package io.mooring.health.service;

import io.mooring.health.config.HealthConfig;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.support.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Why an agent's report is refused: its cluster was deleted (403, for good), or its import has not reached this
 * service yet (503 with {@code Retry-After}: the lifecycle consumer is behind, the agent comes back later).
 */
@ApplicationScoped
public class AgentGate {

    private final ClusterRepository clusters;
    private final HealthConfig config;

    public AgentGate(ClusterRepository clusters, HealthConfig config) {
        this.clusters = clusters;
        this.config = config;
    }

    public <T> Uni<T> refuse(UUID clusterId) {
        return clusters.isDeleted(clusterId).flatMap(deleted -> Uni.createFrom().failure(deleted
                ? new ProblemException(403, "cluster-deleted", "Cluster deleted",
                        "Cluster " + clusterId + " was deleted; its agent is no longer accepted.")
                : new ProblemException(503, "cluster-not-known-yet", "Cluster not known yet", "Cluster " + clusterId
                        + " is not known to health-service yet: it is known once its import has been announced here."
                        + " Send this report again after Retry-After.")
                        .retryAfter(config.unknownClusterRetryAfter())));
    }
}
