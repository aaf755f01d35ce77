package io.mooring.events.addons;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one layer of an attached profile stands on the cluster; the wire values are capitalised. */
public enum LayerState {
    /** Attached or changed, not yet picked up by the agent. */
    @JsonProperty("Pending")
    PENDING("Pending"),
    /** The agent is applying it. */
    @JsonProperty("Applying")
    APPLYING("Applying"),
    /** Every object applied as desired. */
    @JsonProperty("Deployed")
    DEPLOYED("Deployed"),
    /** Applying failed; the report's message says why. */
    @JsonProperty("Failed")
    FAILED("Failed"),
    /** The agent found objects changed by someone else (it repairs them and then reports Deployed again). */
    @JsonProperty("Drifted")
    DRIFTED("Drifted");

    private final String wire;

    LayerState(String wire) {
        this.wire = wire;
    }

    /** The value on the wire, e.g. {@code Deployed}. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
