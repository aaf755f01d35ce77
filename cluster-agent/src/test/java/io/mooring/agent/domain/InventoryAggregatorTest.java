package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mooring.agent.domain.ClusterFacts.NodeFacts;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.ProblemPod;
import io.mooring.simulator.ClusterFixture;
import io.mooring.simulator.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

public class InventoryAggregatorTest {

    private static final System.Logger LOG = System.getLogger(InventoryAggregatorTest.class.getName());

    private static final ObjectMapper JSON = PlatformJson.mapper();
    private static final Detection EKS = new Detection("eks", "eks");

    @Test
    void aggregatesASimulatedClusterWithoutLosingAPod() {
        ClusterFixture fixture = ClusterFixture.generate(Provider.EKS, 4, 15);

        Inventory inventory = aggregate(fixture, 500);

        assertThat(inventory.kubernetesVersion()).isEqualTo(fixture.gitVersion());
        assertThat(inventory.nodes()).hasSize(4);
        assertThat(inventory.nodes()).allSatisfy(n -> {
            assertThat(n.providerId()).startsWith("aws:///");
            assertThat(n.instanceType()).isNotBlank();
            assertThat(n.region()).isNotBlank();
            assertThat(n.zone()).isNotBlank();
            assertThat(n.allocatable().cpuMillis()).isPositive();
            assertThat(n.allocatable().pods()).isPositive();
        });
        assertThat(inventory.pods().total()).isEqualTo(fixture.pods().size());
        long running = fixture.pods().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count();
        assertThat(inventory.pods().running()).isEqualTo((int) running);
        assertThat(inventory.allocations().stream().mapToInt(Allocation::pods).sum()).isEqualTo((int) running);

        long requestedCpu = fixture.pods().stream().filter(p -> "Running".equals(p.getStatus().getPhase()))
                .mapToLong(p -> PodResources.requests(p).cpuMillis()).sum();
        assertThat(inventory.allocations().stream().mapToLong(a -> a.requests().cpuMillis()).sum()).isEqualTo(requestedCpu);
        assertThat(inventory.namespaces().stream().mapToInt(n -> n.pods()).sum()).isEqualTo(fixture.pods().size());
        // Pods of a Deployment count under the Deployment, not under its ReplicaSet.
        assertThat(inventory.allocations()).extracting(Allocation::workloadKind).doesNotContain("ReplicaSet").contains("Deployment", "DaemonSet");
        assertThat(inventory.volumes()).hasSize(fixture.persistentVolumeClaims().size());
        assertThat(inventory.allocations()).isSortedAccordingTo((a, b) -> (a.node() + a.namespace() + a.workloadKind() + a.workloadName())
                .compareTo(b.node() + b.namespace() + b.workloadKind() + b.workloadName()));
    }

    @Test
    void theSameClusterGivesTheSameFingerprintAndUsageDoesNotChangeIt() {
        ClusterFixture fixture = ClusterFixture.generate(Provider.AKS, 3, 10);
        Inventory first = aggregate(fixture, 500);
        Inventory second = feed(fixture, 500, 7, 1024).build(EKS);

        assertThat(second.allocations()).allSatisfy(a -> assertThat(a.usage()).isNotNull());
        assertThat(InventoryFingerprint.of(JSON, second)).isNotEqualTo(InventoryFingerprint.of(JSON, first))
                .as("metricsAvailable differs");
        Inventory again = feed(fixture, 500, 99, 4096).build(EKS);
        assertThat(InventoryFingerprint.of(JSON, again)).isEqualTo(InventoryFingerprint.of(JSON, second));
    }

    @Test
    void resolvesOwnersAndNamesPodsInTrouble() {
        InventoryAggregator aggregator = new InventoryAggregator("v1.30.1", 10);
        aggregator.addNode(node("n1"));
        aggregator.addNamespace(namespace("batch"));
        aggregator.addReplicaSet(new ReplicaSetBuilder().withNewMetadata().withName("web-abc").withNamespace("batch")
                .addNewOwnerReference().withKind("Deployment").withName("web").withController(true).endOwnerReference().endMetadata().build());
        aggregator.addJob(new JobBuilder().withNewMetadata().withName("report-123").withNamespace("batch")
                .addNewOwnerReference().withKind("CronJob").withName("report").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withCompletions(1).endSpec().withNewStatus().withActive(1).endStatus().build());
        aggregator.addPodUsage("batch", "web-abc-1", 120, 64L << 20);
        aggregator.addPod(pod("web-abc-1", "ReplicaSet", "web-abc", "Running", "100m", "128Mi", null, 0));
        aggregator.addPod(pod("web-abc-2", "ReplicaSet", "web-abc", "Running", "100m", "128Mi", "CrashLoopBackOff", 12));
        aggregator.addPod(pod("report-123-x", "Job", "report-123", "Running", "500m", "1Gi", null, 0));
        aggregator.addPod(pod("debug", null, null, "Running", "50m", "32Mi", null, 0));
        aggregator.addPod(pod("kube-proxy-n1", "Node", "n1", "Running", "10m", "16Mi", null, 0));
        aggregator.addPod(pod("waiting", "ReplicaSet", "web-abc", "Pending", "100m", "128Mi", null, 0));
        aggregator.addPod(pod("done", "Job", "report-123", "Succeeded", "100m", "128Mi", null, 0));

        Inventory inventory = aggregator.build(new Detection("generic", "kubeadm"));

        Map<String, Allocation> byWorkload = new HashMap<>();
        inventory.allocations().forEach(a -> byWorkload.put(a.workloadKind() + "/" + a.workloadName(), a));
        assertThat(byWorkload).containsOnlyKeys("Deployment/web", "CronJob/report", "Pod/debug", "Pod/kube-proxy-n1");
        Allocation web = byWorkload.get("Deployment/web");
        assertThat(web.pods()).isEqualTo(2);
        assertThat(web.requests().cpuMillis()).isEqualTo(200);
        assertThat(web.requests().memoryBytes()).isEqualTo(256L << 20);
        assertThat(web.usage().cpuMillis()).isEqualTo(120);
        assertThat(byWorkload.get("CronJob/report").usage()).isNull();
        assertThat(inventory.pods().total()).isEqualTo(7);
        assertThat(inventory.pods().pending()).isEqualTo(1);
        assertThat(inventory.pods().succeeded()).isEqualTo(1);
        assertThat(inventory.pods().restarts()).isEqualTo(12);
        assertThat(inventory.problemPods()).extracting(ProblemPod::name, ProblemPod::reason)
                .containsExactly(Tuple.tuple("waiting", "Pending"), Tuple.tuple("web-abc-2", "CrashLoopBackOff"));
        assertThat(inventory.namespaces()).singleElement().satisfies(ns -> {
            assertThat(ns.pods()).isEqualTo(7);
            // Running and pending pods request; finished ones do not.
            assertThat(ns.requests().cpuMillis()).isEqualTo(100 + 100 + 500 + 50 + 10 + 100);
        });
        assertThat(inventory.workloads()).extracting(w -> w.kind() + "/" + w.name()).containsExactly("Job/report-123");
        // A generic cluster reports machines as CPU and memory only.
        assertThat(inventory.nodes()).singleElement().satisfies(n -> {
            assertThat(n.providerId()).isNull();
            assertThat(n.instanceType()).isNull();
            assertThat(n.region()).isNull();
            assertThat(n.capacity().cpuMillis()).isEqualTo(4000);
        });
    }

    @Test
    void namesOnlyTheMostSevereProblemPodsWhenThereAreMany() {
        InventoryAggregator aggregator = new InventoryAggregator("v1.30.1", 3);
        aggregator.addNamespace(namespace("batch"));
        for (int i = 0; i < 10; i++) {
            aggregator.addPod(pod("pending-" + i, null, null, "Pending", "10m", "1Mi", null, 0));
        }
        aggregator.addPod(pod("crash-a", null, null, "Running", "10m", "1Mi", "CrashLoopBackOff", 30));
        aggregator.addPod(pod("crash-b", null, null, "Running", "10m", "1Mi", "ImagePullBackOff", 0));

        Inventory inventory = aggregator.build(EKS);

        assertThat(inventory.problemPods()).hasSize(3).extracting(ProblemPod::name).contains("crash-a", "crash-b");
        assertThat(inventory.pods().pending()).isEqualTo(10);
    }

    /**
     * The size the issue asks about: a 1,000-node, 30,000-pod cluster. The report must stay a few MB (health-service
     * takes up to 16 MB); printed for the record.
     */
    @Test
    void aThousandNodeThirtyThousandPodClusterStaysAFewMegabytes() throws IOException {
        ClusterFixture fixture = ClusterFixture.generate(Provider.EKS, 1_000, 30);
        long started = System.nanoTime();
        Inventory inventory = feed(fixture, 500, 25, 64L << 20).build(EKS);
        long aggregateMillis = (System.nanoTime() - started) / 1_000_000;

        byte[] json = JSON.writeValueAsBytes(inventory);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(json);
        }
        LOG.log(System.Logger.Level.INFO, String.format("Inventory of 1,000 nodes / %,d pods: %,d allocations, %,d workloads, JSON %,d bytes (%.1f MB), gzip %,d bytes,"
                        + " aggregated in %d ms", fixture.pods().size(), inventory.allocations().size(), inventory.workloads().size(),
                json.length, json.length / 1e6, zipped.size(), aggregateMillis));

        assertThat(inventory.pods().total()).isEqualTo(30_000);
        assertThat(inventory.nodes()).hasSize(1_000);
        assertThat(json.length).isLessThan(16 * 1024 * 1024);
        assertThat(zipped.size()).isLessThan(2 * 1024 * 1024);
    }

    // ---------------------------------------------------------------- helpers

    public static Inventory aggregate(ClusterFixture fixture, int maxProblemPods) {
        InventoryAggregator aggregator = feed(fixture, maxProblemPods);
        Detection detection = new ProviderDetector().detect(new ClusterFacts(fixture.gitVersion(),
                fixture.nodes().stream().map(NodeFacts::of).toList(), fixture.apiGroups(), fixture.namespaceNames()));
        return aggregator.build(detection);
    }

    static InventoryAggregator feed(ClusterFixture fixture, int maxProblemPods) {
        return feed(fixture, maxProblemPods, -1, -1);
    }

    /** Feeds the fixture in the aggregator's order; with {@code cpu >= 0} every pod gets that usage first. */
    static InventoryAggregator feed(ClusterFixture fixture, int maxProblemPods, long cpu, long memory) {
        InventoryAggregator aggregator = new InventoryAggregator(fixture.gitVersion(), maxProblemPods);
        fixture.ofType(Node.class).forEach(aggregator::addNode);
        fixture.ofType(Namespace.class).forEach(aggregator::addNamespace);
        fixture.ofType(Deployment.class).forEach(aggregator::addDeployment);
        fixture.ofType(StatefulSet.class).forEach(aggregator::addStatefulSet);
        fixture.ofType(DaemonSet.class).forEach(aggregator::addDaemonSet);
        fixture.ofType(ReplicaSet.class).forEach(aggregator::addReplicaSet);
        fixture.ofType(CronJob.class).forEach(aggregator::addCronJob);
        fixture.ofType(Job.class).forEach(aggregator::addJob);
        if (cpu >= 0) {
            fixture.pods().forEach(p -> aggregator.addPodUsage(p.getMetadata().getNamespace(), p.getMetadata().getName(), cpu, memory));
        }
        fixture.ofType(Pod.class).forEach(aggregator::addPod);
        fixture.ofType(PersistentVolumeClaim.class).forEach(aggregator::addPersistentVolumeClaim);
        return aggregator;
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("node.kubernetes.io/instance-type", "m5.large")
                .addToLabels("topology.kubernetes.io/region", "eu-west-1").endMetadata()
                .withNewSpec().withProviderID("aws:///eu-west-1a/i-0123").endSpec()
                .withNewStatus().addToCapacity("cpu", new Quantity("4")).addToCapacity("memory", new Quantity("16Gi"))
                .addToCapacity("pods", new Quantity("110")).addToAllocatable("cpu", new Quantity("3920m"))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    private static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPhase("Active").endStatus().build();
    }

    private static Pod pod(String name, String ownerKind, String ownerName, String phase, String cpu, String memory, String waiting,
            int restarts) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("batch")
                .withCreationTimestamp("2026-11-01T10:00:00Z").endMetadata()
                .withNewSpec().withNodeName("Pending".equals(phase) ? null : "n1")
                .addNewContainer().withName("main").withNewResources().addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory)).endResources().endContainer().endSpec()
                .withNewStatus().withPhase(phase).withStartTime("2026-11-01T10:00:01Z")
                .addNewContainerStatus().withName("main").withRestartCount(restarts).withNewState()
                .withNewWaiting().withReason(waiting).endWaiting().endState().endContainerStatus().endStatus();
        if (waiting == null) {
            pod.editStatus().editFirstContainerStatus().withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus();
        }
        if (ownerKind != null) {
            pod.editMetadata().addNewOwnerReference().withKind(ownerKind).withName(ownerName).withController(true).endOwnerReference().endMetadata();
        }
        return pod.build();
    }
}
