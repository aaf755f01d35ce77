package io.mooring.registry.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mooring.events.WireValue;

/**
 * Where a cluster is in its life: {@code Pending} until its agent registers, {@code Running} from then on,
 * {@code Deleting} while its agent removes what the import installed. A deleted cluster has no record.
 */
public enum ClusterStatus implements WireValue {
    PENDING("Pending"),
    RUNNING("Running"),
    DELETING("Deleting");

    private final String wire;

    ClusterStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
