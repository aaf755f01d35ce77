package io.mooring.support.clusters;

import io.mooring.events.MooringEvent;

/**
 * What one lifecycle event did to the directory, handed to the service's {@link ClusterReactions}.
 * {@code entry} is the cluster after the event (null only for an event the directory does not keep, about a
 * cluster it does not know).
 */
public record ClusterChange(Kind kind, ClusterEntry entry, MooringEvent event) {

    public enum Kind {
        /** The cluster was not known before this event. */
        CREATED,
        /** A known cluster changed (or was confirmed: a republished ClusterImported). */
        UPDATED,
        /** The cluster is a tombstone from now on; it may have been unknown before. */
        DELETED,
        /** A directory event that changes nothing: the cluster is already deleted, or the event lacks a cluster. */
        IGNORED,
        /** An event the directory does not keep (AgentReRegistered, say): only the service reacts to it. */
        OTHER
    }

    /** Whether the cluster exists and is not deleted after this event. */
    public boolean live() {
        return entry != null && !entry.deleted() && kind != Kind.IGNORED;
    }
}
