package io.mooring.agent.domain;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.events.inventory.ProblemPod;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the {@link Inventory} from the cluster's objects as they stream past, one page at a time, keeping only
 * aggregates: nothing per pod is held except the usage of pods not yet seen and at most {@code maxProblemPods}
 * pods in trouble. Feed it in this order, because pods are resolved against what came before them:
 * nodes, namespaces, workloads (including ReplicaSets and Jobs, to find the Deployment or CronJob that owns a pod),
 * pod usage (when metrics.k8s.io is served), pods, persistent volume claims; then {@link #build(Detection)}.
 * Every list of the result is sorted, so the same cluster gives the same document. Not thread-safe.
 */
public final class InventoryAggregator {

    /** Waiting reasons that mean a container is starting normally, not in trouble. */
    private static final Set<String> BENIGN_WAITING = Set.of("ContainerCreating", "PodInitializing");
    private static final Comparator<ProblemPod> SEVERITY = Comparator
            .comparing((ProblemPod p) -> "Pending".equals(p.reason()) ? 0 : 1)
            .thenComparingInt(ProblemPod::restarts)
            .thenComparing(ProblemPod::namespace, Comparator.reverseOrder())
            .thenComparing(ProblemPod::name, Comparator.reverseOrder());

    private final String kubernetesVersion;
    private final int maxProblemPods;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, NamespaceSum> namespaces = new HashMap<>();
    private final List<Workload> workloads = new ArrayList<>();
    /** ReplicaSet (namespace/name) → the Deployment that owns it; Job → CronJob. */
    private final Map<String, String> owners = new HashMap<>();
    private final Map<AllocationKey, Sum> allocations = new HashMap<>();
    private final Map<String, long[]> usage = new HashMap<>();
    private final PriorityQueue<ProblemPod> problems = new PriorityQueue<>(SEVERITY);
    private final List<Volume> volumes = new ArrayList<>();
    private boolean metricsAvailable;
    private int total;
    private int running;
    private int pending;
    private int succeeded;
    private int failed;
    private int unknown;
    private long restarts;

    public InventoryAggregator(String kubernetesVersion, int maxProblemPods) {
        this.kubernetesVersion = kubernetesVersion;
        this.maxProblemPods = maxProblemPods;
    }

    private record AllocationKey(String node, String namespace, String kind, String name) {
    }

    private static final class Sum {
        int pods;
        long cpu;
        long memory;
        long gpus;
        long usedCpu;
        long usedMemory;
        boolean hasUsage;

        void add(Resources requests) {
            pods++;
            cpu += requests.cpuMillis();
            memory += requests.memoryBytes();
            gpus += requests.gpus();
        }

        Resources requests() {
            return new Resources(cpu, memory, gpus, pods);
        }
    }

    private static final class NamespaceSum {
        final String phase;
        final Map<String, String> labels;
        final Sum sum = new Sum();

        NamespaceSum(String phase, Map<String, String> labels) {
            this.phase = phase;
            this.labels = labels;
        }
    }

    // ---------------------------------------------------------------- feeding

    public void addNode(io.fabric8.kubernetes.api.model.Node node) {
        var metadata = node.getMetadata();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        NodeSystemInfo info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        List<Node.Condition> conditions = new ArrayList<>();
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition condition : node.getStatus().getConditions()) {
                conditions.add(new Node.Condition(condition.getType(), condition.getStatus(), condition.getReason(), condition.getMessage(),
                        ClusterEvents.instant(condition.getLastTransitionTime())));
            }
            conditions.sort(Comparator.comparing(Node.Condition::type, Comparator.nullsFirst(Comparator.naturalOrder())));
        }
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        nodes.add(new Node(
                metadata.getName(),
                emptyToNull(providerId),
                firstLabel(labels, "node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"),
                firstLabel(labels, "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region"),
                firstLabel(labels, "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"),
                info == null ? labels.get("kubernetes.io/arch") : info.getArchitecture(),
                info == null ? null : info.getOsImage(),
                info == null ? null : info.getKubeletVersion(),
                info == null ? null : info.getContainerRuntimeVersion(),
                resources(node.getStatus() == null ? null : node.getStatus().getCapacity()),
                resources(node.getStatus() == null ? null : node.getStatus().getAllocatable()),
                conditions,
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
                ClusterEvents.instant(metadata.getCreationTimestamp())));
    }

    public void addNamespace(io.fabric8.kubernetes.api.model.Namespace namespace) {
        String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
        namespaces.put(namespace.getMetadata().getName(), new NamespaceSum(phase, sorted(namespace.getMetadata().getLabels())));
    }

    public void addDeployment(Deployment deployment) {
        int desired = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int ready = deployment.getStatus() == null ? 0 : orZero(deployment.getStatus().getReadyReplicas());
        addWorkload(deployment.getMetadata(), "Deployment", desired, ready);
    }

    public void addStatefulSet(StatefulSet statefulSet) {
        int desired = statefulSet.getSpec() == null || statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        int ready = statefulSet.getStatus() == null ? 0 : orZero(statefulSet.getStatus().getReadyReplicas());
        addWorkload(statefulSet.getMetadata(), "StatefulSet", desired, ready);
    }

    public void addDaemonSet(DaemonSet daemonSet) {
        int desired = daemonSet.getStatus() == null ? 0 : orZero(daemonSet.getStatus().getDesiredNumberScheduled());
        int ready = daemonSet.getStatus() == null ? 0 : orZero(daemonSet.getStatus().getNumberReady());
        addWorkload(daemonSet.getMetadata(), "DaemonSet", desired, ready);
    }

    public void addCronJob(CronJob cronJob) {
        int active = cronJob.getStatus() == null || cronJob.getStatus().getActive() == null ? 0 : cronJob.getStatus().getActive().size();
        boolean suspended = cronJob.getSpec() != null && Boolean.TRUE.equals(cronJob.getSpec().getSuspend());
        addWorkload(cronJob.getMetadata(), "CronJob", suspended ? 0 : active, active);
    }

    public void addJob(Job job) {
        int desired = job.getSpec() == null ? 1
                : job.getSpec().getCompletions() != null ? job.getSpec().getCompletions()
                        : job.getSpec().getParallelism() != null ? job.getSpec().getParallelism() : 1;
        int done = job.getStatus() == null ? 0 : orZero(job.getStatus().getSucceeded());
        int ready = job.getStatus() == null ? 0 : orZero(job.getStatus().getReady());
        addWorkload(job.getMetadata(), "Job", desired, Math.max(ready, done));
        String owner = controller(job.getMetadata().getOwnerReferences(), "CronJob");
        if (owner != null) {
            owners.put("Job/" + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName(), "CronJob/" + owner);
        }
    }

    /** ReplicaSets are not reported as workloads, only remembered to find the Deployment of their pods. */
    public void addReplicaSet(ReplicaSet replicaSet) {
        String owner = controller(replicaSet.getMetadata().getOwnerReferences(), "Deployment");
        if (owner != null) {
            owners.put("ReplicaSet/" + replicaSet.getMetadata().getNamespace() + "/" + replicaSet.getMetadata().getName(), "Deployment/" + owner);
        }
    }

    /** What a pod uses now (from metrics.k8s.io); call before the pod itself is added. */
    public void addPodUsage(String namespace, String pod, long cpuMillis, long memoryBytes) {
        metricsAvailable = true;
        usage.merge(namespace + "/" + pod, new long[] {cpuMillis, memoryBytes}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }

    /** metrics.k8s.io is served, even if no pod has usage yet. */
    public void metricsAvailable(boolean available) {
        metricsAvailable = available;
    }

    public void addPod(Pod pod) {
        var metadata = pod.getMetadata();
        String namespace = metadata.getNamespace();
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        total++;
        switch (phase) {
            case "Running" -> running++;
            case "Pending" -> pending++;
            case "Succeeded" -> succeeded++;
            case "Failed" -> failed++;
            default -> unknown++;
        }
        int podRestarts = 0;
        if (pod.getStatus() != null) {
            for (ContainerStatus status : concat(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())) {
                podRestarts += orZero(status.getRestartCount());
            }
        }
        restarts += podRestarts;

        long[] used = usage.remove(namespace + "/" + metadata.getName());
        boolean active = "Running".equals(phase) || "Pending".equals(phase);
        Resources requests = active ? PodResources.requests(pod) : null;
        NamespaceSum ns = namespaces.computeIfAbsent(namespace, n -> new NamespaceSum(null, Map.of()));
        ns.sum.pods++;
        if (requests != null) {
            ns.sum.cpu += requests.cpuMillis();
            ns.sum.memory += requests.memoryBytes();
            ns.sum.gpus += requests.gpus();
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if ("Running".equals(phase) && node != null && !node.isEmpty()) {
            String[] workload = workloadOf(pod);
            Sum sum = allocations.computeIfAbsent(new AllocationKey(node, namespace, workload[0], workload[1]), k -> new Sum());
            sum.add(requests);
            if (used != null) {
                sum.usedCpu += used[0];
                sum.usedMemory += used[1];
                sum.hasUsage = true;
            }
        }
        ProblemPod problem = problemOf(pod, phase, podRestarts);
        if (problem != null && maxProblemPods > 0) {
            problems.add(problem);
            if (problems.size() > maxProblemPods) {
                problems.poll();
            }
        }
    }

    public void addPersistentVolumeClaim(PersistentVolumeClaim claim) {
        var spec = claim.getSpec();
        var status = claim.getStatus();
        long size = 0;
        if (status != null && status.getCapacity() != null && status.getCapacity().get("storage") != null) {
            size = Quantities.units(status.getCapacity().get("storage"));
        } else if (spec != null && spec.getResources() != null && spec.getResources().getRequests() != null) {
            size = Quantities.units(spec.getResources().getRequests().get("storage"));
        }
        volumes.add(new Volume(claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                spec == null ? null : spec.getStorageClassName(), size, status == null ? null : status.getPhase()));
    }

    // ---------------------------------------------------------------- the result

    /**
     * The inventory, as the detected provider tells it: generic clusters report machines as CPU, memory and disk
     * only, so their nodes' providerID, instance type, region and zone are left out.
     */
    public Inventory build(Detection detection) {
        Objects.requireNonNull(detection);
        boolean cloudSpecific = !ProviderDetector.GENERIC.equals(detection.provider());
        nodes.sort(Comparator.comparing(Node::name));
        List<Node> nodeList = cloudSpecific ? List.copyOf(nodes) : nodes.stream().map(n -> new Node(n.name(), null, null, null, null,
                n.architecture(), n.osImage(), n.kubeletVersion(), n.containerRuntime(), n.capacity(), n.allocatable(), n.conditions(),
                n.unschedulable(), n.createdAt())).toList();
        List<Namespace> namespaceList = new ArrayList<>(namespaces.size());
        new TreeMap<>(namespaces).forEach((name, ns) -> namespaceList.add(
                new Namespace(name, ns.phase, ns.labels, ns.sum.pods, new Resources(ns.sum.cpu, ns.sum.memory, ns.sum.gpus, ns.sum.pods))));
        workloads.sort(Comparator.comparing(Workload::namespace).thenComparing(Workload::kind).thenComparing(Workload::name));
        List<Allocation> allocationList = new ArrayList<>(allocations.size());
        allocations.forEach((key, sum) -> allocationList.add(new Allocation(key.node(), key.namespace(), key.kind(), key.name(), sum.pods,
                sum.requests(), sum.hasUsage ? new Resources(sum.usedCpu, sum.usedMemory, 0, sum.pods) : null)));
        allocationList.sort(Comparator.comparing(Allocation::node).thenComparing(Allocation::namespace)
                .thenComparing(Allocation::workloadKind).thenComparing(Allocation::workloadName));
        List<ProblemPod> problemList = new ArrayList<>(problems);
        problemList.sort(Comparator.comparing(ProblemPod::namespace).thenComparing(ProblemPod::name));
        volumes.sort(Comparator.comparing(Volume::namespace).thenComparing(Volume::name));
        return new Inventory(kubernetesVersion, detection.provider(), detection.platform(), nodeList, namespaceList,
                List.copyOf(workloads), allocationList, new PodCounts(total, running, pending, succeeded, failed, unknown, restarts),
                problemList, List.copyOf(volumes), metricsAvailable);
    }

    // ---------------------------------------------------------------- helpers

    private void addWorkload(io.fabric8.kubernetes.api.model.ObjectMeta metadata, String kind, int desired, int ready) {
        workloads.add(new Workload(metadata.getNamespace(), kind, metadata.getName(), desired, ready, sorted(metadata.getLabels())));
    }

    /** The top-level controller of a pod: Deployment through its ReplicaSet, CronJob through its Job; else itself. */
    private String[] workloadOf(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        OwnerReference owner = controllerRef(pod.getMetadata().getOwnerReferences());
        if (owner == null || "Node".equals(owner.getKind())) {
            // Bare pods, and static pods (their mirror is owned by the Node), count under their own name.
            return new String[] {"Pod", pod.getMetadata().getName()};
        }
        String resolved = owners.get(owner.getKind() + "/" + namespace + "/" + owner.getName());
        if (resolved != null) {
            int slash = resolved.indexOf('/');
            return new String[] {resolved.substring(0, slash), resolved.substring(slash + 1)};
        }
        return new String[] {owner.getKind(), owner.getName()};
    }

    private static ProblemPod problemOf(Pod pod, String phase, int restarts) {
        if (pod.getStatus() == null) {
            return null;
        }
        for (ContainerStatus status : concat(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())) {
            if (status.getState() != null && status.getState().getWaiting() != null) {
                String reason = status.getState().getWaiting().getReason();
                if (reason != null && !BENIGN_WAITING.contains(reason)) {
                    Instant since = null;
                    if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
                        since = ClusterEvents.instant(status.getLastState().getTerminated().getStartedAt());
                    }
                    if (since == null) {
                        since = ClusterEvents.instant(pod.getStatus().getStartTime());
                    }
                    return new ProblemPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), phase, reason, restarts, since);
                }
            }
        }
        if ("Pending".equals(phase)) {
            return new ProblemPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), phase, "Pending", restarts,
                    ClusterEvents.instant(pod.getMetadata().getCreationTimestamp()));
        }
        return null;
    }

    private static Resources resources(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return Resources.NONE;
        }
        return new Resources(Quantities.cpuMillis(quantities.get("cpu")), Quantities.units(quantities.get("memory")),
                Quantities.gpus(quantities), Quantities.units(quantities.get("pods")));
    }

    private static OwnerReference controllerRef(List<OwnerReference> references) {
        if (references == null || references.isEmpty()) {
            return null;
        }
        for (OwnerReference reference : references) {
            if (Boolean.TRUE.equals(reference.getController())) {
                return reference;
            }
        }
        return references.get(0);
    }

    private static String controller(List<OwnerReference> references, String kind) {
        OwnerReference reference = controllerRef(references);
        return reference != null && kind.equals(reference.getKind()) ? reference.getName() : null;
    }

    private static String firstLabel(Map<String, String> labels, String... keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        return labels == null || labels.isEmpty() ? Map.of() : new TreeMap<>(labels);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static List<ContainerStatus> concat(List<ContainerStatus> a, List<ContainerStatus> b) {
        if (a == null || a.isEmpty()) {
            return b == null ? List.of() : b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        List<ContainerStatus> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
