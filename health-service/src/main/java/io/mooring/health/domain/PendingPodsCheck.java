package io.mooring.health.domain;

import io.mooring.events.inventory.ProblemPod;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Pods Pending for longer than {@link HealthThresholds#pendingTooLongAfter()} (5 minutes by default), counted
 * from {@code ProblemPod.since} (creation) to now, not to the inventory's time: the check is re-run between
 * reports and a pod that stays Pending must cross the line without waiting for the next one. Unschedulable
 * or unpullable application pods warn; a stuck pod in a system namespace fails.
 */
public final class PendingPodsCheck implements HealthCheck {

    public static final String NAME = "pending-pods";

    private final HealthThresholds thresholds;

    public PendingPodsCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        List<ProblemPod> pending = ctx.problemPods().stream().filter(PendingPodsCheck::isPending).toList();
        String limit = Messages.duration(thresholds.pendingTooLongAfter());
        // A pending pod without a start time cannot be judged; it is left out rather than guessed at.
        List<ProblemPod> stuck = pending.stream()
                .filter(p -> p.since() != null
                        && Duration.between(p.since(), ctx.now()).compareTo(thresholds.pendingTooLongAfter()) > 0)
                .sorted(Comparator.comparing((ProblemPod p) -> !thresholds.isSystemNamespace(p.namespace()))
                        .thenComparing(ProblemPod::since)
                        .thenComparing(p -> p.namespace() + "/" + p.name(), Messages.NATURAL_ORDER))
                .toList();
        if (stuck.isEmpty()) {
            return CheckResult.pass(NAME, pending.isEmpty()
                    ? "No pods are Pending"
                    : Messages.count(pending.size(), "pod is", "pods are") + " Pending, none for more than " + limit);
        }
        long system = stuck.stream().filter(p -> thresholds.isSystemNamespace(p.namespace())).count();
        String message = Messages.count(stuck.size(), "pod has", "pods have") + " been Pending for more than "
                + limit + (system > 0 ? ", " + system + " in " + thresholds.systemNamespacesText() : "") + ": "
                + Messages.list(stuck.stream().map(p -> describe(p, ctx)).toList(), thresholds.maxNamesInMessage());
        return system > 0 ? CheckResult.fail(NAME, message) : CheckResult.warn(NAME, message);
    }

    static boolean isPending(ProblemPod pod) {
        return "Pending".equalsIgnoreCase(pod.phase()) || "Pending".equalsIgnoreCase(pod.reason());
    }

    private static String describe(ProblemPod p, HealthContext ctx) {
        String age = Messages.duration(Duration.between(p.since(), ctx.now()));
        boolean hasOwnReason = p.reason() != null && !p.reason().isBlank() && !"Pending".equalsIgnoreCase(p.reason());
        return p.namespace() + "/" + p.name() + " (" + (hasOwnReason ? p.reason() + ", " : "") + age + ")";
    }
}
