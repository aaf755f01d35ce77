package io.mooring.health;

import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.events.inventory.ProblemPod;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Agent reports as an agent would send them, each test stating only what it is about. */
public final class Reports {

    private Reports() {
    }

    public static Heartbeat heartbeat() {
        return new Heartbeat(UUID.randomUUID(), TestClock.now(), "0.1.0", "read-only");
    }

    public static Node readyNode(String name) {
        return node(name, "True", "KubeletReady");
    }

    public static Node notReadyNode(String name) {
        return node(name, "Unknown", "NodeStatusUnknown");
    }

    private static Node node(String name, String ready, String reason) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new Node(name, null, null, null, null, "amd64", "Ubuntu 22.04", "v1.30.4", "containerd://1.7.0",
                new Resources(4000, 16L << 30, 0, 110), new Resources(3800, 15L << 30, 0, 110),
                List.of(new Node.Condition("Ready", ready, reason, null, t),
                        new Node.Condition("MemoryPressure", "False", null, null, t)),
                false, t);
    }

    public static Inventory inventory(List<Node> nodes, List<ProblemPod> problemPods) {
        return new Inventory("v1.30.4", "aws", "eks", nodes,
                List.of(new Namespace("kube-system", "Active", Map.of(), 10, Resources.NONE),
                        new Namespace("shop", "Active", Map.of("team", "web"), 5, Resources.NONE)),
                List.of(new Workload("kube-system", "Deployment", "coredns", 2, 2, Map.of())),
                List.of(), new PodCounts(15, 15, 0, 0, 0, 0, 0), problemPods, List.of(), false);
    }

    public static Inventory healthy(int nodes) {
        List<Node> list = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            list.add(readyNode("node-" + i));
        }
        return inventory(list, List.of());
    }

    public static InventoryReport report(Inventory inventory) {
        return new InventoryReport(UUID.randomUUID(), TestClock.now(), inventory);
    }

    public static InventoryReport report(Inventory inventory, Instant observedAt) {
        return new InventoryReport(UUID.randomUUID(), observedAt, inventory);
    }

    public static ProblemPod pendingSince(String namespace, String name, Instant since) {
        return new ProblemPod(namespace, name, "Pending", "Unschedulable", 0, since);
    }

    public static ClusterEvent event(String type, String reason, String namespace, String kind, String name, int count,
            Instant lastSeen) {
        return new ClusterEvent(UUID.randomUUID().toString(), type, reason, reason + " on " + name, namespace, kind,
                name, "kubelet", count, lastSeen.minus(Duration.ofMinutes(1)), lastSeen);
    }

    public static EventBatch batch(ClusterEvent... events) {
        return new EventBatch(UUID.randomUUID(), List.of(events), 0);
    }

    public static EventBatch batch(List<ClusterEvent> events) {
        return new EventBatch(UUID.randomUUID(), events, 0);
    }
}
