package io.mooring.support.clusters;

import io.smallrye.mutiny.Uni;

/**
 * A service's own reactions to a lifecycle event, run after the directory took it in and inside the same
 * transaction (the idempotent consumer's), so the event, the directory row and the service's changes commit
 * together or not at all.
 */
@FunctionalInterface
public interface ClusterReactions {

    Uni<Void> react(ClusterChange change);
}
