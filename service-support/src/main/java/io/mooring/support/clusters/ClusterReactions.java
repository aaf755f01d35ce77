package io.mooring.support.clusters;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A service's own reactions to a lifecycle event, run after the directory took it in and inside the same
 * transaction (the idempotent consumer's), so the event, the directory row and the service's changes commit
 * together or not at all.
 */
@FunctionalInterface
public interface ClusterReactions {

    Uni<Void> react(ClusterChange change);

    /**
     * The reactions to a batch's changes, in their order, each cluster at most once (see
     * {@link ClusterDirectory#batchHandler}). A service may do them in bulk, to the same effect as {@link #react}
     * on each in turn.
     */
    default Uni<Void> reactAll(List<ClusterChange> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ClusterChange change : changes) {
            chain = chain.flatMap(done -> react(change));
        }
        return chain;
    }
}
