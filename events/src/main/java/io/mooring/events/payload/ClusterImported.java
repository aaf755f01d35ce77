package io.mooring.events.payload;

import io.mooring.events.CloudType;
import io.mooring.events.MooringEvent;
import io.mooring.events.OneOf;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A cluster was registered for import; it is Pending until its agent connects. */
public record ClusterImported(
        UUID clusterId,
        String project,
        String name,
        @OneOf(CloudType.class) String cloudType,
        String importMode,
        Map<String, String> labels,
        String importedBy,
        Instant occurredAt) implements MooringEvent {
}
