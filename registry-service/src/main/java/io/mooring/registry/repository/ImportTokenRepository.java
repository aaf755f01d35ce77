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

    /**
     * The token a manifest URL serves: by its handle, or, for a token issued before handles existed (its URL holds
     * the token itself), by the token.
     */
    public Uni<ImportToken> findByManifestHash(String hash) {
        return find("manifestHash = ?1 or (manifestHash is null and tokenHash = ?1)", hash).firstResult();
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
        // The sealed copy goes with it: nothing serves a spent token's manifest any more.
        return update("spentAt = ?1, sealedToken = null, sealNonce = null where id = ?2 and spentAt is null"
                + " and revokedAt is null and expiresAt > ?1", now, id).map(updated -> updated == 1);
    }

    /**
     * Whether no other token was issued for the cluster since {@code token}: only the cluster's latest token may be
     * used again by a rescheduled agent. A tie in time counts as replaced, so doubt refuses.
     */
    public Uni<Boolean> isLatest(ImportToken token) {
        return count("clusterId = ?1 and id <> ?2 and createdAt >= ?3", token.clusterId, token.id, token.createdAt)
                .map(newer -> newer == 0);
    }

    /**
     * Deletes tokens that expired before {@code before}: their URLs answer 404 from then on. A spent token that is
     * still its cluster's latest is kept whatever its age: a rescheduled agent comes back with it, months later too.
     */
    public Uni<Long> purgeExpiredBefore(Instant before) {
        return delete("from ImportToken t where t.expiresAt < ?1 and (t.spentAt is null or exists (select 1 from"
                + " ImportToken n where n.clusterId = t.clusterId and n.id <> t.id and n.createdAt >= t.createdAt))",
                before);
    }
}
