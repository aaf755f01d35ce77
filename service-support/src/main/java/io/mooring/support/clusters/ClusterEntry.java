package io.mooring.support.clusters;

import java.time.Instant;
import java.util.UUID;

/**
 * A cluster as the registry's lifecycle events describe it. Any field but the id may be null while the event that
 * carries it has not arrived (a ClusterConnected seen before its ClusterImported, say). A deleted cluster is a
 * tombstone: {@code deleted} is set and nothing changes it any more.
 */
public record ClusterEntry(
        UUID clusterId,
        String project,
        String name,
        String cloudType,
        String importMode,
        Instant importedAt,
        Instant connectedAt,
        boolean deleted,
        Instant deletedAt,
        Instant updatedAt) {
}
