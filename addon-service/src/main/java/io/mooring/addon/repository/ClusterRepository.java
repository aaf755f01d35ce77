package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterRecord, UUID> {

    /**
     * The cluster's row, locked until the transaction ends: every change of a cluster's attachments takes this
     * lock first, so attaching, updating, detaching and status reports of one cluster happen one at a time.
     */
    public Uni<ClusterRecord> lock(UUID clusterId) {
        return findById(clusterId, LockModeType.PESSIMISTIC_WRITE);
    }
}
