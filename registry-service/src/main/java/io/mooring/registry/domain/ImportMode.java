package io.mooring.registry.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mooring.events.Modes;
import io.mooring.events.WireValue;

/** What the agent may do in its cluster: read only, or everything (bound to cluster-admin). */
public enum ImportMode implements WireValue {
    READ_ONLY(Modes.READ_ONLY),
    FULL_PERMISSION(Modes.FULL_PERMISSION);

    private final String wire;

    ImportMode(String wire) {
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
