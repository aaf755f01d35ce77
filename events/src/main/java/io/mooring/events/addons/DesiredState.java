package io.mooring.events.addons;

import java.util.List;
import java.util.UUID;

/**
 * Everything addon-service wants on one cluster. {@code revision} grows by one with every change of this
 * document (attach, update, detach, acknowledged pruning) and is also the {@code ETag}; an agent that has
 * applied revision {@code r} may skip any answer whose revision is not above {@code r}.
 *
 * <p>The agent applies {@code profiles} in the order given and each profile's layers in their {@code order};
 * then it deletes the objects of {@code removed} that still carry the labels of the profile and layer named
 * there (an object another profile took over carries that profile's labels and must be left alone), and reports
 * the revision it pruned through with {@link StatusReport#prunedRevision()}. Objects that carry a profile's
 * labels but are in none of its layers any more are the agent's to prune too (labels are the authority,
 * {@code removed} is the list it can act on without searching).
 *
 * @param clusterId the cluster this is for (the token's subject)
 * @param revision  monotonically increasing; {@code 0} for a cluster with no add-on history
 * @param profiles  the attached profiles, oldest attachment first
 * @param removed   objects that were desired before and are no longer, grouped by the layer that owned them
 */
public record DesiredState(UUID clusterId, long revision, List<DesiredProfile> profiles, List<RemovedObjects> removed) {

    public DesiredState {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }
}
