package io.mooring.cost.repository;

import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.Resources;
import java.util.List;

/** What pricing needs of a node, kept from the last inventory. */
public record NodeSpec(String name, String instanceType, String region, long cpuMillis, long memoryBytes, long gpus) {

    public static NodeSpec of(Node node) {
        Resources capacity = node.capacity() == null ? Resources.NONE : node.capacity();
        return new NodeSpec(node.name(), node.instanceType(), node.region(), capacity.cpuMillis(),
                capacity.memoryBytes(), capacity.gpus());
    }

    public Node toNode() {
        Resources capacity = new Resources(cpuMillis, memoryBytes, gpus, 0);
        return new Node(name, null, instanceType, region, null, null, null, null, null, capacity, capacity, List.of(),
                false, null);
    }
}
