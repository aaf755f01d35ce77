package io.mooring.registry.repository;

import io.mooring.registry.domain.ImportToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ImportTokenRepository implements PanacheRepositoryBase<ImportToken, UUID> {

    public Uni<ImportToken> findByHash(String hash) {
        return find("tokenHash", hash).firstResult();
    }

    /** Revokes every token of the cluster that is neither spent nor revoked yet. */
    public Uni<Integer> revokeOutstanding(UUID clusterId, Instant now) {
        return update("revokedAt = ?1 where clusterId = ?2 and spentAt is null and revokedAt is null", now, clusterId);
    }

    /**
     * Spends the token if it is still usable at {@code now}; false when another registration got there first or
     * it was revoked or expired meanwhile. One conditional update, so a token can never be spent twice.
     */
    public Uni<Boolean> spend(UUID id, Instant now) {
        return update("spentAt = ?1 where id = ?2 and spentAt is null and revokedAt is null and expiresAt > ?1",
                now, id).map(updated -> updated == 1);
    }

    /** Deletes tokens that expired before {@code before}: their URLs answer 404 from then on. */
    public Uni<Long> purgeExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
