package io.mooring.events.inventory;

/**
 * The running pods of one workload in one namespace on one node, summed: what they request and, when
 * metrics.k8s.io is served, what they use ({@code usage} is null otherwise). Pods without an owner count
 * under kind {@code Pod} and their own name. Cost allocation works from these.
 */
public record Allocation(
        String node,
        String namespace,
        String workloadKind,
        String workloadName,
        int pods,
        Resources requests,
        Resources usage) {
}
