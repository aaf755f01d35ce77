package io.mooring.support.clusters;

import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Caller;

/**
 * Whether a caller may see a cluster. Unknown and invisible clusters are answered alike, 404, so that whether a
 * cluster exists in another project is not the caller's to know; a deleted one too, unless the service still
 * shows what it kept of it ({@link Tombstones#SHOWN}, cost's billed history).
 */
public final class ClusterVisibility {

    /** What a service answers for a deleted cluster. */
    public enum Tombstones {
        HIDDEN, SHOWN
    }

    static final String NOT_FOUND = "Cluster not found";

    private ClusterVisibility() {
    }

    /** The entry when {@code caller} may see it; fails with 404 otherwise. */
    public static ClusterEntry require(ClusterEntry entry, Caller caller, Tombstones tombstones) {
        if (entry == null || entry.deleted() && tombstones == Tombstones.HIDDEN) {
            throw ProblemException.notFound(NOT_FOUND);
        }
        // A cluster whose project no event named yet (a tombstone of a cluster never seen) is an admin's only.
        if (entry.project() == null ? !caller.isAdmin() : !caller.canSee(entry.project())) {
            throw ProblemException.notFound(NOT_FOUND);
        }
        return entry;
    }
}
