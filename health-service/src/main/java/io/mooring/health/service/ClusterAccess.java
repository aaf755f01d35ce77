package io.mooring.health.service;

import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * A cluster's health state when the caller may see the cluster: the shared directory decides (404 for one that
 * does not exist, is deleted, or is of a project the caller cannot see, alike).
 */
@ApplicationScoped
public class ClusterAccess {

    private final ClusterDirectory directory;
    private final ClusterRepository clusters;
    private final CurrentCaller caller;

    public ClusterAccess(ClusterDirectory directory, ClusterRepository clusters, CurrentCaller caller) {
        this.directory = directory;
        this.clusters = clusters;
        this.caller = caller;
    }

    public Uni<ClusterRow> visible(UUID clusterId) {
        return directory.visibleTo(clusterId, caller.get()).flatMap(entry -> clusters.find(clusterId)).map(row -> {
            if (row == null) {
                // Known to the directory but its health state not committed yet: as unknown as before.
                throw ProblemException.notFound("Cluster not found");
            }
            return row;
        });
    }

    /** For a worker thread that must answer before it starts streaming. */
    public ClusterRow visibleNow(UUID clusterId) {
        return visible(clusterId).await().atMost(Duration.ofSeconds(10));
    }
}
