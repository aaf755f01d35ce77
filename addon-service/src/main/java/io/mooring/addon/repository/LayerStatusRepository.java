package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LayerStatusRepository implements PanacheRepositoryBase<LayerStatusRecord, UUID> {

    public Uni<List<LayerStatusRecord>> of(Collection<UUID> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("attachmentId in ?1 order by layerOrder", attachmentIds);
    }
}
