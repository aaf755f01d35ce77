package io.mooring.cost;

import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Inventory builders with round numbers, so that the tests' arithmetic stays by hand. */
public final class Inventories {

    public static final long GIB = 1L << 30;
    public static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    private Inventories() {
    }

    public static Node node(String name, String instanceType, String region, long cpuMillis, long memoryGib, long gpus) {
        Resources capacity = new Resources(cpuMillis, memoryGib * GIB, gpus, 110);
        return new Node(name, instanceType == null ? null : "aws:///" + region + "a/i-" + name, instanceType, region,
                region == null ? null : region + "a", "amd64", "Bottlerocket", "v1.31.0", "containerd://1.7", capacity,
                capacity, List.of(), false, LONG_AGO);
    }

    public static Allocation allocation(String node, String namespace, String workload, long cpuMillis,
            long memoryGib) {
        return new Allocation(node, namespace, "Deployment", workload, 1, new Resources(cpuMillis, memoryGib * GIB, 0, 1),
                null);
    }

    public static Allocation allocation(String node, String namespace, String kind, String workload,
            Resources requests, Resources usage) {
        return new Allocation(node, namespace, kind, workload, 1, requests, usage);
    }

    public static Namespace namespace(String name, Map<String, String> labels) {
        return new Namespace(name, "Active", labels, 1, Resources.NONE);
    }

    public static Workload workload(String namespace, String name, Map<String, String> labels) {
        return new Workload(namespace, "Deployment", name, 1, 1, labels);
    }

    public static Volume volume(String namespace, String name, long gib) {
        return new Volume(namespace, name, "gp3", gib * GIB, "Bound");
    }

    public static Inventory inventory(List<Node> nodes, List<Allocation> allocations) {
        return inventory(nodes, allocations, List.of(), List.of(), List.of());
    }

    public static Inventory inventory(List<Node> nodes, List<Allocation> allocations, List<Volume> volumes,
            List<Namespace> namespaces, List<Workload> workloads) {
        return new Inventory("v1.31.0", "aws", "eks", nodes, namespaces, workloads, allocations,
                new PodCounts(0, 0, 0, 0, 0, 0, 0), List.of(), volumes, false);
    }
}
