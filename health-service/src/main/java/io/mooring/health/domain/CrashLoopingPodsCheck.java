package io.mooring.health.domain;

import io.mooring.events.inventory.ProblemPod;
import java.util.Comparator;
import java.util.List;

/**
 * Pods that keep restarting: waiting in CrashLoopBackOff, or in trouble with at least
 * {@link HealthThresholds#crashLoopRestarts()} restarts (between back-offs the waiting reason can read Error
 * or OOMKilled). An application's crash loop is its owner's problem but worth seeing, so it warns; a crash
 * loop in a system namespace breaks the cluster itself and fails.
 */
public final class CrashLoopingPodsCheck implements HealthCheck {

    public static final String NAME = "crash-looping-pods";

    private final HealthThresholds thresholds;

    public CrashLoopingPodsCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        List<ProblemPod> looping = ctx.problemPods().stream()
                .filter(this::isCrashLooping)
                // System pods first, then the most restarts: what is named before "and N more" matters most.
                .sorted(Comparator.comparing((ProblemPod p) -> !thresholds.isSystemNamespace(p.namespace()))
                        .thenComparing(Comparator.comparingInt(ProblemPod::restarts).reversed())
                        .thenComparing(p -> p.namespace() + "/" + p.name(), Messages.NATURAL_ORDER))
                .toList();
        if (looping.isEmpty()) {
            return CheckResult.pass(NAME, "No pods are crash-looping");
        }
        long system = looping.stream().filter(p -> thresholds.isSystemNamespace(p.namespace())).count();
        String message = Messages.count(looping.size(), "pod is", "pods are") + " crash-looping"
                + (system > 0 ? ", " + system + " in " + thresholds.systemNamespacesText() : "") + ": "
                + Messages.list(looping.stream().map(CrashLoopingPodsCheck::describe).toList(),
                        thresholds.maxNamesInMessage());
        return system > 0 ? CheckResult.fail(NAME, message) : CheckResult.warn(NAME, message);
    }

    boolean isCrashLooping(ProblemPod pod) {
        if ("CrashLoopBackOff".equals(pod.reason())) {
            return true;
        }
        return pod.restarts() >= thresholds.crashLoopRestarts() && !PendingPodsCheck.isPending(pod);
    }

    private static String describe(ProblemPod p) {
        return p.namespace() + "/" + p.name() + " (" + Messages.orUnknown(p.reason()) + ", "
                + Messages.count(p.restarts(), "restart", "restarts") + ")";
    }
}
