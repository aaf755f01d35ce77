package io.mooring.simulator;

import java.util.Arrays;
import java.util.Locale;

/** The permissions the simulated cluster grants the agent; the wire values are those of the import modes. */
public enum Mode {
    READ_ONLY("read-only"),
    FULL_PERMISSION("full-permission");

    private final String wireValue;

    Mode(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static Mode fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.wireValue.equals(wanted) || m.name().toLowerCase(Locale.ROOT).equals(wanted.replace('-', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + name + "', expected read-only or full-permission"));
    }
}
