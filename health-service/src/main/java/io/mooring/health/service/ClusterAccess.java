package io.mooring.health.api;

import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/** A cluster the caller may see: 404 for one that does not exist and for one of a project the caller cannot see. */
@ApplicationScoped
public class ClusterAccess {

    private final ClusterRepository clusters;
    private final CurrentCaller caller;

    public ClusterAccess(ClusterRepository clusters, CurrentCaller caller) {
        this.clusters = clusters;
        this.caller = caller;
    }

    public Uni<ClusterRow> visible(UUID clusterId) {
        var who = caller.get();
        return clusters.find(clusterId).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("Cluster not found");
            }
            who.requireVisible(row.project(), "Cluster");
            return row;
        });
    }

    /** For a worker thread that must answer before it starts streaming. */
    public ClusterRow visibleNow(UUID clusterId) {
        return visible(clusterId).await().atMost(Duration.ofSeconds(10));
    }
}
