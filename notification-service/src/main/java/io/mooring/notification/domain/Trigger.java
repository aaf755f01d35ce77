package io.mooring.notification.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a notification rule watches; its wire name is also the middle of the alert's CloudEvent type. */
public enum Trigger {
    /** A cluster's agent went silent (Disconnected) or came back (Connected). */
    CONNECTIVITY("connectivity", true),
    /** Health turned Degraded or Unhealthy, with the failing checks, or recovered to Healthy. */
    HEALTH("health", true),
    /** An add-on layer turned Failed or Drifted, or was Deployed again. */
    ADDON("addon", true),
    /** A change of import mode, confirmed by the agent. */
    MIGRATION("migration", false),
    /** A cluster was deleted. */
    DELETION("deletion", false),
    /** The month-to-date cost of a project or cluster crossed one of the rule's percentages of its budget. */
    BUDGET("budget", false);

    private final String wire;
    private final boolean stateful;

    Trigger(String wire, boolean stateful) {
        this.wire = wire;
        this.stateful = stateful;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Whether the trigger follows a state that goes bad and recovers (and so has a quiet period); the others
     * are one-off facts, each told once.
     */
    public boolean stateful() {
        return stateful;
    }

    /** The CloudEvents type of the alerts this trigger raises. */
    public String eventType() {
        return "io.mooring.alert." + wire + ".v1";
    }

    @JsonCreator
    public static Trigger fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("Unknown trigger: " + value));
    }

    public static Optional<Trigger> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wire.equals(v)).findFirst();
    }
}
