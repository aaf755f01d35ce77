package io.mooring.addon.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/** An add-on profile installs software into a cluster; an infrastructure profile would shape the cluster itself. */
public enum ProfileType {
    @JsonProperty("add-on")
    ADD_ON("add-on"),
    @JsonProperty("infrastructure")
    INFRASTRUCTURE("infrastructure");

    private final String wire;

    ProfileType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ProfileType> ofWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
