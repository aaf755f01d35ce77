package io.mooring.health.domain;

import io.mooring.events.inventory.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Workloads in the system namespaces (kube-system by default) with fewer ready pods than desired.
 * Partly ready (a DaemonSet pod on a NotReady node, a rollout) warns; a workload with no ready pod at all
 * (coredns 0/2: no DNS in the cluster) fails. Jobs and CronJobs are skipped: "ready" means nothing for a run
 * that completes, and workloads scaled to zero are skipped as deliberate.
 */
public final class SystemWorkloadsCheck implements HealthCheck {

    public static final String NAME = "system-workloads";

    private static final Set<String> RUN_TO_COMPLETION = Set.of("Job", "CronJob");

    private final HealthThresholds thresholds;

    public SystemWorkloadsCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        List<Workload> system = ctx.workloads().stream()
                .filter(w -> thresholds.isSystemNamespace(w.namespace()))
                .filter(w -> !RUN_TO_COMPLETION.contains(w.kind()))
                .filter(w -> w.desired() > 0)
                .toList();
        String where = "in " + thresholds.systemNamespacesText();
        if (system.isEmpty()) {
            // Not a warning: a cluster must not stay Degraded forever because its agent sees no system workloads.
            return CheckResult.pass(NAME, "No workloads reported " + where);
        }
        List<Workload> unready = system.stream()
                .filter(w -> w.ready() < w.desired())
                .sorted(Comparator.comparing((Workload w) -> w.ready() > 0)
                        .thenComparingDouble(w -> (double) w.ready() / w.desired())
                        .thenComparing(w -> w.namespace() + "/" + w.name(), Messages.NATURAL_ORDER))
                .toList();
        if (unready.isEmpty()) {
            return CheckResult.pass(NAME, system.size() == 1
                    ? "The workload " + where + " is ready"
                    : "All " + system.size() + " workloads " + where + " are ready");
        }
        long down = unready.stream().filter(w -> w.ready() <= 0).count();
        String message = unready.size() + " of " + system.size() + " workloads " + where + " "
                + (unready.size() == 1 ? "is" : "are") + " not ready"
                + (down > 0 ? " (" + down + " with no ready pod)" : "") + ": "
                + Messages.list(unready.stream().map(SystemWorkloadsCheck::describe).toList(),
                        thresholds.maxNamesInMessage());
        return down > 0 ? CheckResult.fail(NAME, message) : CheckResult.warn(NAME, message);
    }

    private static String describe(Workload w) {
        return w.namespace() + "/" + w.name() + " (" + w.kind() + ", " + Math.max(0, w.ready()) + "/" + w.desired()
                + " ready)";
    }
}
