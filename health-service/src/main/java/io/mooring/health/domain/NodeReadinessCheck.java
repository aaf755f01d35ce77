package io.mooring.health.domain;

import io.mooring.events.inventory.Node;
import java.util.Comparator;
import java.util.List;

/**
 * Nodes whose Ready condition is not True (False, Unknown, or missing, as kubectl shows NotReady). Some
 * NotReady warns; from {@link HealthThresholds#nodesNotReadyFailRatio()} of all nodes on (half by default,
 * so one of two, or every node of a single-node cluster) it fails.
 */
public final class NodeReadinessCheck implements HealthCheck {

    public static final String NAME = "node-readiness";

    private final HealthThresholds thresholds;

    public NodeReadinessCheck(HealthThresholds thresholds) {
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
            // The agent itself runs on a node, so an empty list is a reporting problem, not an outage.
            return CheckResult.warn(NAME, "The inventory lists no nodes");
        }
        List<Node> notReady = nodes.stream()
                .filter(n -> !isReady(n))
                .sorted(Comparator.comparing(Node::name, Messages.NATURAL_ORDER))
                .toList();
        int total = nodes.size();
        if (notReady.isEmpty()) {
            return CheckResult.pass(NAME, total == 1 ? "The node is Ready" : "All " + total + " nodes are Ready");
        }
        String named = Messages.list(notReady.stream().map(NodeReadinessCheck::describe).toList(),
                thresholds.maxNamesInMessage());
        if (notReady.size() == total) {
            return CheckResult.fail(NAME, (total == 1 ? "The only node is NotReady: " : "All " + total
                    + " nodes are NotReady: ") + named);
        }
        String message = notReady.size() + " of " + total + " nodes " + (notReady.size() == 1 ? "is" : "are")
                + " NotReady: " + named;
        return (double) notReady.size() / total >= thresholds.nodesNotReadyFailRatio()
                ? CheckResult.fail(NAME, message)
                : CheckResult.warn(NAME, message);
    }

    static boolean isReady(Node node) {
        return readyCondition(node) != null && "True".equalsIgnoreCase(readyCondition(node).status());
    }

    private static Node.Condition readyCondition(Node node) {
        if (node.conditions() == null) {
            return null;
        }
        return node.conditions().stream().filter(c -> "Ready".equals(c.type())).findFirst().orElse(null);
    }

    private static String describe(Node node) {
        Node.Condition ready = readyCondition(node);
        String reason = ready == null ? "no Ready condition"
                : ready.reason() != null && !ready.reason().isBlank() ? ready.reason()
                : "Ready=" + ready.status();
        return Messages.orUnknown(node.name()) + " (" + reason + ")";
    }
}
