package io.mooring.events;

import java.time.Instant;
import java.util.UUID;

/** A payload published on one of the {@link Topics}; the cluster id is the record key and the CloudEvent subject. */
public interface MooringEvent {
    UUID clusterId();

    Instant occurredAt();
}
