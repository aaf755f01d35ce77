package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OwnedObjectRepository implements PanacheRepositoryBase<OwnedObjectRecord, UUID> {

    public Uni<List<OwnedObjectRecord>> ofCluster(UUID clusterId) {
        return list("clusterId", clusterId);
    }

    public Uni<Long> deleteOfAttachment(UUID attachmentId) {
        return delete("attachmentId", attachmentId);
    }
}
