package io.mooring.notification.domain;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ModeChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the signals rules can alert on out of the platform's events. One health event can carry two: its
 * connectivity and its health, which separate rules watch. Health Unknown is no signal of its own: it follows
 * from the agent being silent (the connectivity signal) or not connected yet.
 */
public final class Signals {

    static final Set<String> BAD_HEALTH = Set.of("Degraded", "Unhealthy");
    static final Set<String> BAD_LAYERS = Set.of("Failed", "Drifted");

    private Signals() {
    }

    public static List<Signal> of(MooringEvent event) {
        List<Signal> signals = new ArrayList<>();
        if (event instanceof ClusterHealthChanged health) {
            if (health.connectivity() != null && !"Pending".equals(health.connectivity())) {
                boolean down = "Disconnected".equals(health.connectivity());
                signals.add(new Signal(Trigger.CONNECTIVITY, health.clusterId(), health.project(), "agent",
                        health.connectivity(), null, down,
                        down ? "The cluster's agent stopped reporting: Disconnected"
                                : "The cluster's agent reports again: Connected",
                        List.of(), Map.of(), health.occurredAt()));
            }
            if (health.current() != null && !"Unknown".equals(health.current())) {
                boolean bad = BAD_HEALTH.contains(health.current());
                List<Signal.Check> failing = health.checks() == null ? List.of() : health.checks().stream()
                        .filter(Objects::nonNull)
                        .filter(c -> !"pass".equals(c.status()))
                        .map(c -> new Signal.Check(c.name(), c.status(), c.message()))
                        .toList();
                String why = failing.isEmpty() ? "all checks pass"
                        : failing.stream().map(c -> c.name() + ": " + c.message()).collect(Collectors.joining("; "));
                signals.add(new Signal(Trigger.HEALTH, health.clusterId(), health.project(), "health",
                        health.current(), health.previous(), bad,
                        (bad ? "Health is " : "Health recovered: ") + health.current() + " (" + why + ")",
                        bad ? failing : List.of(), Map.of(), health.occurredAt()));
            }
        } else if (event instanceof ClusterConnected connected) {
            signals.add(new Signal(Trigger.CONNECTIVITY, connected.clusterId(), connected.project(), "agent",
                    "Connected", null, false, "The cluster's agent connected: Connected", List.of(), Map.of(),
                    connected.occurredAt()));
        } else if (event instanceof AddonDeploymentChanged layer && layer.status() != null) {
            boolean bad = BAD_LAYERS.contains(layer.status());
            Map<String, Object> details = new LinkedHashMap<>();
            put(details, "attachmentId", layer.attachmentId());
            put(details, "profile", layer.profile());
            put(details, "profileVersion", layer.profileVersion());
            put(details, "layer", layer.layer());
            put(details, "message", layer.message());
            String what = "Add-on " + layer.profile() + " " + layer.profileVersion() + ", layer " + layer.layer();
            if (bad || "Deployed".equals(layer.status())) {
                signals.add(new Signal(Trigger.ADDON, layer.clusterId(), layer.project(),
                        layer.attachmentId() + "/" + layer.layer(), layer.status(), layer.previousStatus(), bad,
                        what + (bad ? " is " : " is again ") + layer.status()
                                + (layer.message() == null || layer.message().isBlank() ? "" : ": " + layer.message()),
                        List.of(), details, layer.occurredAt()));
            }
        } else if (event instanceof ModeChanged mode) {
            Map<String, Object> details = new LinkedHashMap<>();
            put(details, "requestedBy", mode.requestedBy());
            signals.add(new Signal(Trigger.MIGRATION, mode.clusterId(), mode.project(), "mode", mode.to(),
                    mode.from(), false, "Migration confirmed: import mode " + mode.from() + " → " + mode.to(),
                    List.of(), details, mode.occurredAt()));
        } else if (event instanceof ClusterDeleted deleted) {
            Map<String, Object> details = new LinkedHashMap<>();
            put(details, "deletedBy", deleted.deletedBy());
            details.put("forced", deleted.forced());
            signals.add(new Signal(Trigger.DELETION, deleted.clusterId(), deleted.project(), "cluster", "Deleted",
                    null, true, "The cluster was deleted" + (deleted.forced() ? " (forced)" : ""), List.of(),
                    details, deleted.occurredAt()));
        }
        return signals;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
