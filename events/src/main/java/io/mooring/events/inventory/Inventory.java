package io.mooring.events.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What an agent sees in its cluster, aggregated so that a 1,000-node, 30,000-pod cluster stays a few MB:
 * pods are not listed one by one but summed per node, namespace and workload ({@link Allocation}, sent as an
 * {@link AllocationTable}); only pods in trouble are named ({@link ProblemPod}).
 */
public record Inventory(
        String kubernetesVersion,
        String detectedProvider,
        String detectedPlatform,
        List<Node> nodes,
        List<Namespace> namespaces,
        List<Workload> workloads,
        AllocationTable allocationTable,
        PodCounts pods,
        List<ProblemPod> problemPods,
        List<Volume> volumes,
        boolean metricsAvailable) {

    /** An inventory whose allocations are given one by one; they are kept as their table. */
    public Inventory(String kubernetesVersion, String detectedProvider, String detectedPlatform, List<Node> nodes,
            List<Namespace> namespaces, List<Workload> workloads, List<Allocation> allocations, PodCounts pods,
            List<ProblemPod> problemPods, List<Volume> volumes, boolean metricsAvailable) {
        this(kubernetesVersion, detectedProvider, detectedPlatform, nodes, namespaces, workloads,
                AllocationTable.of(allocations), pods, problemPods, volumes, metricsAvailable);
    }

    /**
     * The allocations spelled out, built anew on each call (empty without a table). Throws
     * {@link IllegalArgumentException} for a table that {@link AllocationTable#problems()} refuses.
     */
    @JsonIgnore
    public List<Allocation> allocations() {
        return allocationTable == null ? List.of() : allocationTable.expand();
    }
}
