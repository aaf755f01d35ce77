package io.mooring.addon.service;

import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.ClusterRepository;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A cluster's add-on state when the caller may see the cluster. The shared directory decides visibility (404 for
 * one unknown, deleted or of another project, alike); the row read afterwards must still be there and not deleted,
 * as a deletion may have committed in between.
 */
@ApplicationScoped
public class ClusterAccess {

    private final ClusterDirectory directory;
    private final ClusterRepository clusters;

    public ClusterAccess(ClusterDirectory directory, ClusterRepository clusters) {
        this.directory = directory;
        this.clusters = clusters;
    }

    public Uni<ClusterRecord> visible(UUID clusterId, Caller caller) {
        return directory.visibleTo(clusterId, caller).flatMap(entry -> clusters.findById(clusterId))
                .map(ClusterAccess::present);
    }

    /** As {@link #visible}, with the cluster's row locked until the transaction ends (see {@link ClusterRepository#lock}). */
    public Uni<ClusterRecord> locked(UUID clusterId, Caller caller) {
        return directory.visibleTo(clusterId, caller).flatMap(entry -> clusters.lock(clusterId))
                .map(ClusterAccess::present);
    }

    private static ClusterRecord present(ClusterRecord cluster) {
        if (cluster == null || cluster.deleted) {
            throw ProblemException.notFound("Cluster not found");
        }
        return cluster;
    }
}
