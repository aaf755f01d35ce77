package io.mooring.health.domain;

import io.mooring.events.inventory.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Nodes reporting MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable as True. Such a node evicts
 * pods or cannot network them, so any warns; from {@link HealthThresholds#nodesUnderPressureFailRatio()} of all
 * nodes on (half by default) it fails. NotReady nodes report these conditions as Unknown and are left to
 * {@link NodeReadinessCheck}.
 */
public final class NodePressureCheck implements HealthCheck {

    public static final String NAME = "node-pressure";

    /** In the order messages list them. */
    static final List<String> PRESSURE_CONDITIONS =
            List.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

    private final HealthThresholds thresholds;

    public NodePressureCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        List<Node> nodes = ctx.nodes();
        if (nodes.isEmpty()) {
            return CheckResult.pass(NAME, "No nodes reported");
        }
        List<String> affected = nodes.stream()
                .sorted(Comparator.comparing(Node::name, Messages.NATURAL_ORDER))
                .map(n -> {
                    List<String> pressures = pressures(n);
                    return pressures.isEmpty() ? null
                            : Messages.orUnknown(n.name()) + " (" + String.join(", ", pressures) + ")";
                })
                .filter(s -> s != null)
                .toList();
        if (affected.isEmpty()) {
            return CheckResult.pass(NAME, "No node reports MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable");
        }
        String message = affected.size() + " of " + nodes.size() + " nodes report pressure: "
                + Messages.list(affected, thresholds.maxNamesInMessage());
        return (double) affected.size() / nodes.size() >= thresholds.nodesUnderPressureFailRatio()
                ? CheckResult.fail(NAME, message)
                : CheckResult.warn(NAME, message);
    }

    private static List<String> pressures(Node node) {
        List<String> found = new ArrayList<>(2);
        if (node.conditions() == null) {
            return found;
        }
        for (String type : PRESSURE_CONDITIONS) {
            boolean on = node.conditions().stream()
                    .anyMatch(c -> type.equals(c.type()) && "True".equalsIgnoreCase(c.status()));
            if (on) {
                found.add(type);
            }
        }
        return found;
    }
}
