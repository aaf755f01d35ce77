package io.mooring.health.domain;

import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.events.inventory.ProblemPod;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Workload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builders for the agent's report types, so each test states only what it is about. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    static Node.Condition condition(String type, String status, String reason) {
        return new Node.Condition(type, status, reason, null, NOW.minus(Duration.ofHours(1)));
    }

    static Node node(String name, Node.Condition... conditions) {
        return new Node(name, null, null, null, null, "amd64", "Ubuntu 22.04", "v1.30.4", "containerd://1.7.0",
                Resources.NONE, Resources.NONE, List.of(conditions), false, NOW.minus(Duration.ofDays(10)));
    }

    static Node readyNode(String name) {
        return node(name, condition("Ready", "True", "KubeletReady"), condition("MemoryPressure", "False", null),
                condition("DiskPressure", "False", null), condition("PIDPressure", "False", null));
    }

    static Node notReadyNode(String name, String reason) {
        return node(name, condition("Ready", "Unknown", reason));
    }

    static Node nodeUnderPressure(String name, String... pressures) {
        List<Node.Condition> conditions = new ArrayList<>();
        conditions.add(condition("Ready", "True", "KubeletReady"));
        for (String p : pressures) {
            conditions.add(condition(p, "True", "Kubelet" + p));
        }
        return node(name, conditions.toArray(Node.Condition[]::new));
    }

    static Node withKubelet(Node n, String kubeletVersion) {
        return new Node(n.name(), n.providerId(), n.instanceType(), n.region(), n.zone(), n.architecture(), n.osImage(),
                kubeletVersion, n.containerRuntime(), n.capacity(), n.allocatable(), n.conditions(), n.unschedulable(),
                n.createdAt());
    }

    static List<Node> readyNodes(String prefix, int count) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            nodes.add(readyNode(prefix + "-" + i));
        }
        return nodes;
    }

    static Workload workload(String namespace, String kind, String name, int desired, int ready) {
        return new Workload(namespace, kind, name, desired, ready, Map.of());
    }

    static ProblemPod crashLooping(String namespace, String name, int restarts) {
        return new ProblemPod(namespace, name, "Running", "CrashLoopBackOff", restarts, NOW.minus(Duration.ofMinutes(1)));
    }

    static ProblemPod pendingFor(String namespace, String name, Duration age) {
        return new ProblemPod(namespace, name, "Pending", "Pending", 0, NOW.minus(age));
    }

    static InventoryBuilder inventory() {
        return new InventoryBuilder();
    }

    static final class InventoryBuilder {
        private String version = "v1.30.4-eks-a737599";
        private List<Node> nodes = readyNodes("node", 3);
        private List<Workload> workloads = List.of(
                workload("kube-system", "Deployment", "coredns", 2, 2),
                workload("kube-system", "DaemonSet", "kube-proxy", 3, 3));
        private List<ProblemPod> problemPods = List.of();

        InventoryBuilder version(String value) {
            version = value;
            return this;
        }

        InventoryBuilder nodes(Node... value) {
            nodes = Arrays.asList(value);
            return this;
        }

        InventoryBuilder nodes(List<Node> value) {
            nodes = value;
            return this;
        }

        InventoryBuilder workloads(Workload... value) {
            workloads = Arrays.asList(value);
            return this;
        }

        InventoryBuilder problemPods(ProblemPod... value) {
            problemPods = Arrays.asList(value);
            return this;
        }

        InventoryBuilder problemPods(List<ProblemPod> value) {
            problemPods = value;
            return this;
        }

        Inventory build() {
            return new Inventory(version, "aws", "eks", nodes, List.of(), workloads, List.of(),
                    new PodCounts(40, 38, 1, 0, 0, 0, 3), problemPods, List.of(), true);
        }

        /** A connected cluster with a fresh heartbeat and a one-minute-old inventory, evaluated at {@link #NOW}. */
        HealthContext context() {
            return new HealthContext(Connectivity.CONNECTED, NOW.minusSeconds(20), build(), NOW.minusSeconds(60), NOW);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant instant;

        MutableClock(Instant start) {
            instant = start;
        }

        void advance(Duration d) {
            instant = instant.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
