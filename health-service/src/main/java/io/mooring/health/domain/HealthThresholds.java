package io.mooring.health.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Every threshold the health rules use, in one place so the service can bind it from configuration.
 *
 * @param disconnectedAfter           silence after which a cluster is Disconnected (default 10 minutes)
 * @param inventoryStaleAfter         a connected agent whose latest inventory is older than this is reported
 *                                    (default 30 minutes: the agent sends one at least every 10 minutes)
 * @param nodesNotReadyFailRatio      share of NotReady nodes from which node readiness fails rather than warns
 *                                    (default 0.5: losing half the capacity is an outage, less is degradation)
 * @param nodesUnderPressureFailRatio share of nodes under pressure from which node pressure fails (default 0.5)
 * @param crashLoopRestarts           restarts from which a pod in trouble counts as crash-looping even when its
 *                                    waiting reason is not CrashLoopBackOff at the moment of the report (default 5)
 * @param pendingTooLongAfter         a pod Pending longer than this is stuck (default 5 minutes)
 * @param systemNamespaces            namespaces whose workloads are the cluster's own; a problem there fails
 *                                    rather than warns (default kube-system)
 * @param minimumKubernetesVersion    the oldest supported version (default 1.19)
 * @param maxNamesInMessage           how many nodes, pods or workloads a message names before "and N more" (default 5)
 */
public record HealthThresholds(
        Duration disconnectedAfter,
        Duration inventoryStaleAfter,
        double nodesNotReadyFailRatio,
        double nodesUnderPressureFailRatio,
        int crashLoopRestarts,
        Duration pendingTooLongAfter,
        Set<String> systemNamespaces,
        KubernetesVersion minimumKubernetesVersion,
        int maxNamesInMessage) {

    public static final HealthThresholds DEFAULTS = new HealthThresholds(
            ConnectivityTracker.DEFAULT_THRESHOLD,
            Duration.ofMinutes(30),
            0.5,
            0.5,
            5,
            Duration.ofMinutes(5),
            Set.of("kube-system"),
            new KubernetesVersion(1, 19, 0),
            5);

    public HealthThresholds {
        positive(disconnectedAfter, "disconnectedAfter");
        positive(inventoryStaleAfter, "inventoryStaleAfter");
        positive(pendingTooLongAfter, "pendingTooLongAfter");
        ratio(nodesNotReadyFailRatio, "nodesNotReadyFailRatio");
        ratio(nodesUnderPressureFailRatio, "nodesUnderPressureFailRatio");
        if (crashLoopRestarts < 1) {
            throw new IllegalArgumentException("crashLoopRestarts must be at least 1: " + crashLoopRestarts);
        }
        if (maxNamesInMessage < 1) {
            throw new IllegalArgumentException("maxNamesInMessage must be at least 1: " + maxNamesInMessage);
        }
        systemNamespaces = Set.copyOf(Objects.requireNonNull(systemNamespaces, "systemNamespaces"));
        Objects.requireNonNull(minimumKubernetesVersion, "minimumKubernetesVersion");
    }

    public static HealthThresholds defaults() {
        return DEFAULTS;
    }

    public HealthThresholds withDisconnectedAfter(Duration value) {
        return new HealthThresholds(value, inventoryStaleAfter, nodesNotReadyFailRatio, nodesUnderPressureFailRatio,
                crashLoopRestarts, pendingTooLongAfter, systemNamespaces, minimumKubernetesVersion, maxNamesInMessage);
    }

    public HealthThresholds withInventoryStaleAfter(Duration value) {
        return new HealthThresholds(disconnectedAfter, value, nodesNotReadyFailRatio, nodesUnderPressureFailRatio,
                crashLoopRestarts, pendingTooLongAfter, systemNamespaces, minimumKubernetesVersion, maxNamesInMessage);
    }

    public HealthThresholds withNodesNotReadyFailRatio(double value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, value, nodesUnderPressureFailRatio,
                crashLoopRestarts, pendingTooLongAfter, systemNamespaces, minimumKubernetesVersion, maxNamesInMessage);
    }

    public HealthThresholds withNodesUnderPressureFailRatio(double value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio, value,
                crashLoopRestarts, pendingTooLongAfter, systemNamespaces, minimumKubernetesVersion, maxNamesInMessage);
    }

    public HealthThresholds withCrashLoopRestarts(int value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio,
                nodesUnderPressureFailRatio, value, pendingTooLongAfter, systemNamespaces, minimumKubernetesVersion,
                maxNamesInMessage);
    }

    public HealthThresholds withPendingTooLongAfter(Duration value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio,
                nodesUnderPressureFailRatio, crashLoopRestarts, value, systemNamespaces, minimumKubernetesVersion,
                maxNamesInMessage);
    }

    public HealthThresholds withSystemNamespaces(Set<String> value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio,
                nodesUnderPressureFailRatio, crashLoopRestarts, pendingTooLongAfter, value, minimumKubernetesVersion,
                maxNamesInMessage);
    }

    public HealthThresholds withMinimumKubernetesVersion(KubernetesVersion value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio,
                nodesUnderPressureFailRatio, crashLoopRestarts, pendingTooLongAfter, systemNamespaces, value,
                maxNamesInMessage);
    }

    public HealthThresholds withMaxNamesInMessage(int value) {
        return new HealthThresholds(disconnectedAfter, inventoryStaleAfter, nodesNotReadyFailRatio,
                nodesUnderPressureFailRatio, crashLoopRestarts, pendingTooLongAfter, systemNamespaces,
                minimumKubernetesVersion, value);
    }

    public boolean isSystemNamespace(String namespace) {
        return namespace != null && systemNamespaces.contains(namespace);
    }

    /** "kube-system", or "kube-system and openshift-dns" when several are configured. */
    String systemNamespacesText() {
        return Messages.list(systemNamespaces.stream().sorted().toList(), Integer.MAX_VALUE);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void ratio(double r, String name) {
        if (!(r > 0 && r <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1]: " + r);
        }
    }
}
