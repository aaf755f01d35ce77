package io.mooring.health.service;

import io.mooring.health.repository.ClusterRepository;
import io.mooring.support.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Why an agent's report is refused: its cluster was deleted (403), or was never imported here (404). */
@ApplicationScoped
public class AgentGate {

    private final ClusterRepository clusters;

    public AgentGate(ClusterRepository clusters) {
        this.clusters = clusters;
    }

    public <T> Uni<T> refuse(UUID clusterId) {
        return clusters.isDeleted(clusterId).flatMap(deleted -> Uni.createFrom().failure(deleted
                ? new ProblemException(403, "cluster-deleted", "Cluster deleted",
                        "Cluster " + clusterId + " was deleted; its agent is no longer accepted.")
                : ProblemException.notFound("Cluster " + clusterId + " is not known to health-service. "
                        + "A cluster is known once its import has been announced; retry later.")));
    }
}
