package io.mooring.support.clusters;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.support.clusters.ClusterChange.Kind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How each lifecycle event changes a cluster's entry. Events of one cluster arrive in order, but the registry
 * may republish, and a consumer may have missed one: every event creates the entry it needs, a field an event
 * does not carry keeps its value, and a tombstone stays a tombstone.
 */
public final class DirectoryRules {

    private DirectoryRules() {
    }

    /**
     * The change {@code event} makes to {@code current} (null: the cluster is unknown). Times are cut to
     * microseconds, as PostgreSQL keeps them; an event without a time is taken to have happened {@code now}.
     */
    public static ClusterChange apply(ClusterEntry current, MooringEvent event, Instant now) {
        Instant received = micros(now);
        boolean directoryEvent = event instanceof ClusterImported || event instanceof ClusterConnected
                || event instanceof ModeChanged || event instanceof ClusterDeleted;
        if (!directoryEvent) {
            return new ClusterChange(Kind.OTHER, current, event);
        }
        if (event.clusterId() == null || current != null && current.deleted()) {
            return new ClusterChange(Kind.IGNORED, current, event);
        }
        Instant at = event.occurredAt() == null ? received : micros(event.occurredAt());
        Kind kind = current == null ? Kind.CREATED : Kind.UPDATED;
        ClusterEntry base = current != null ? current
                : new ClusterEntry(event.clusterId(), null, null, null, null, null, null, false, null, received);
        if (event instanceof ClusterImported imported) {
            return new ClusterChange(kind, new ClusterEntry(base.clusterId(), or(imported.project(), base.project()),
                    or(imported.name(), base.name()), or(imported.cloudType(), base.cloudType()),
                    or(imported.importMode(), base.importMode()), or(base.importedAt(), at), base.connectedAt(),
                    false, null, received), event);
        }
        if (event instanceof ClusterConnected connected) {
            Instant connectedAt = base.connectedAt() == null || at.isAfter(base.connectedAt()) ? at : base.connectedAt();
            return new ClusterChange(kind, new ClusterEntry(base.clusterId(), or(connected.project(), base.project()),
                    base.name(), base.cloudType(), or(connected.importMode(), base.importMode()), base.importedAt(),
                    connectedAt, false, null, received), event);
        }
        if (event instanceof ModeChanged changed) {
            return new ClusterChange(kind, new ClusterEntry(base.clusterId(), or(changed.project(), base.project()),
                    base.name(), base.cloudType(), or(changed.to(), base.importMode()), base.importedAt(),
                    base.connectedAt(), false, null, received), event);
        }
        ClusterDeleted deleted = (ClusterDeleted) event;
        return new ClusterChange(Kind.DELETED, new ClusterEntry(base.clusterId(), or(base.project(), deleted.project()),
                base.name(), base.cloudType(), base.importMode(), base.importedAt(), base.connectedAt(), true, at,
                received), event);
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private static Instant or(Instant value, Instant otherwise) {
        return value == null ? otherwise : value;
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
