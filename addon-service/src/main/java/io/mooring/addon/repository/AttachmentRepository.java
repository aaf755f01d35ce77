package io.mooring.addon.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<AttachmentRecord, UUID> {

    public Uni<AttachmentRecord> find(UUID clusterId, String profile) {
        return find("clusterId = ?1 and profile = ?2", clusterId, profile).firstResult();
    }

    public Uni<AttachmentRecord> findByIdempotencyKey(UUID clusterId, String key) {
        return find("clusterId = ?1 and idempotencyKey = ?2", clusterId, key).firstResult();
    }

    /** A cluster's attachments in the order the agent applies them: oldest first. */
    public Uni<List<AttachmentRecord>> inApplyOrder(UUID clusterId) {
        return list("clusterId = ?1 order by createdAt, id", clusterId);
    }

    public Uni<List<AttachmentRecord>> page(UUID clusterId, String afterProfile, int limit) {
        return afterProfile == null
                ? find("clusterId = ?1 order by profile", clusterId).page(0, limit).list()
                : find("clusterId = ?1 and profile > ?2 order by profile", clusterId, afterProfile).page(0, limit)
                        .list();
    }

    public Uni<Long> countForVersion(UUID profileVersionId) {
        return count("profileVersionId", profileVersionId);
    }
}
