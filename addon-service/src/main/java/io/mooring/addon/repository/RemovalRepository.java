package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RemovalRepository implements PanacheRepositoryBase<RemovalRecord, UUID> {

    public Uni<List<RemovalRecord>> ofCluster(UUID clusterId) {
        return list("clusterId = ?1 order by revision, profile, layer, object.kind, object.namespace, object.name", clusterId);
    }

    public Uni<Long> prunedThrough(UUID clusterId, long revision) {
        return delete("clusterId = ?1 and revision <= ?2", clusterId, revision);
    }

    public Uni<Long> deleteOfCluster(UUID clusterId) {
        return delete("clusterId", clusterId);
    }
}
