package io.mooring.events.inventory;

import java.util.List;

/**
 * What an agent sees in its cluster, aggregated so that a 1,000-node, 30,000-pod cluster stays a few MB:
 * pods are not listed one by one but summed per node, namespace and workload ({@link Allocation}); only
 * pods in trouble are named ({@link ProblemPod}).
 */
public record Inventory(
        String kubernetesVersion,
        String detectedProvider,
        String detectedPlatform,
        List<Node> nodes,
        List<Namespace> namespaces,
        List<Workload> workloads,
        List<Allocation> allocations,
        PodCounts pods,
        List<ProblemPod> problemPods,
        List<Volume> volumes,
        boolean metricsAvailable) {
}
