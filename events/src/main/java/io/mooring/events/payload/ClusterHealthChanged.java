package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The overall health of a cluster changed; {@code checks} are the results that led to {@code current}. */
public record ClusterHealthChanged(
        UUID clusterId,
        String project,
        String previous,
        String current,
        String connectivity,
        List<CheckResult> checks,
        Instant occurredAt) implements MooringEvent {

    /** One named health check: {@code status} is pass, warn or fail. */
    public record CheckResult(String name, String status, String message) {
    }
}
