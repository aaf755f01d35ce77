package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.mooring.simulator.ProviderProfile.ApiGroup;
import io.mooring.simulator.ProviderProfile.ApiResourceSpec;
import io.mooring.simulator.ProviderProfile.CustomObject;
import io.mooring.simulator.ProviderProfile.NodeIdentity;
import io.mooring.simulator.ProviderProfile.NodePool;
import io.mooring.simulator.ProviderProfile.NodeSlot;
import io.mooring.simulator.ProviderProfile.Placement;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import io.mooring.simulator.ProviderProfile.SystemWorkload;
import io.mooring.simulator.ProviderProfile.WorkloadKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a provider profile and a size into the objects of a cluster that has been running for a while:
 * nodes, the platform's own workloads, application namespaces with Deployments, StatefulSets (with volumes)
 * and CronJobs, pods placed on nodes with requests, and the last hour of events. Objects are streamed to a
 * sink so that a 30,000-pod cluster is never held twice in memory.
 *
 * <p>The cluster starts healthy (every node Ready, every pod Running or Completed); trouble is added by the
 * scripted changes of {@link SimulatedCluster}. The same provider, size and seed always give the same objects.
 */
final class FixtureGenerator {

    /** Receives every generated object with the plural its API path uses. */
    @FunctionalInterface
    interface Sink {
        void add(HasMetadata object, String plural);
    }

    private static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";
    private static final Set<Provider> KUBEADM_BASED = Set.of(Provider.AWS_EC2, Provider.AZURE_VM, Provider.GCP_VM, Provider.VSPHERE,
            Provider.KUBEADM, Provider.KIND, Provider.MINIKUBE, Provider.EKS_ANYWHERE);
    private static final List<String> APP_NAMESPACES = List.of("payments", "checkout", "catalog", "search", "orders", "identity",
            "notifications", "analytics", "frontend", "inventory", "shipping", "recommendations", "billing", "media",
            "reporting", "partner-api", "loyalty", "pricing", "fraud-detection", "customer-support");
    /** Events live one hour in a real cluster; the last hour is what an agent finds. */
    private static final Duration EVENT_TTL = Duration.ofHours(1);
    private static final int EVENT_PODS = 250;

    private final ProviderProfile profile;
    private final int nodeCount;
    private final int podsPerNode;
    private final Instant now;
    private final Random random;
    private final String runtimePrefix;

    private final List<NodeInfo> nodes = new ArrayList<>();
    private final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system", "kube-public", "kube-node-lease"));
    private final Set<String> podNames = new HashSet<>();
    private final List<String> appNamespaces = new ArrayList<>();
    private int podCount;
    private int eventCount;
    private int appCursor;
    private int systemCursor;
    private int eventStride = 1;
    /** Set for the first application pod, so that even the smallest cluster has a Warning in its event log. */
    private boolean forceWarning;

    FixtureGenerator(ProviderProfile profile, int nodeCount, int podsPerNode, Instant now, long seed) {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        if (podsPerNode < 1) {
            throw new IllegalArgumentException("podsPerNode must be at least 1");
        }
        this.profile = profile;
        this.nodeCount = nodeCount;
        this.podsPerNode = podsPerNode;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        // Two providers simulated side by side (in the local stack) must not share uids.
        this.random = new Random(seed * 31 + profile.provider().ordinal());
        String runtime = profile.os().containerRuntime();
        this.runtimePrefix = runtime.substring(0, runtime.indexOf("://") + 3);
    }

    void generate(Sink sink) {
        eventStride = Math.max(1, nodeCount * podsPerNode / EVENT_PODS);
        createNodes(sink);
        storage(sink);
        apis(sink);
        for (SystemWorkload workload : profile.systemWorkloads()) {
            namespaces.add(workload.namespace());
            if (!workload.name().isEmpty()) {
                systemWorkload(workload, sink);
            }
        }
        applications(sink);
        for (String namespace : namespaces) {
            sink.add(new NamespaceBuilder()
                    .withMetadata(meta(namespace, null, ProviderProfiles.labels("kubernetes.io/metadata.name", namespace), now.minus(age(namespace))))
                    .withNewSpec().withFinalizers("kubernetes").endSpec()
                    .withNewStatus().withPhase("Active").endStatus()
                    .build(), "namespaces");
        }
    }

    int podCount() {
        return podCount;
    }

    int eventCount() {
        return eventCount;
    }

    List<String> applicationNamespaces() {
        return appNamespaces;
    }

    // ---------------------------------------------------------------- nodes

    private void createNodes(Sink sink) {
        int controlPlanes = Math.min(nodeCount, profile.controlPlaneCount().applyAsInt(nodeCount));
        int workers = nodeCount - controlPlanes;
        boolean taint = profile.taintControlPlane() && workers > 0;
        List<String> zones = profile.zones().isEmpty() ? List.of("") : profile.zones();
        for (int i = 0; i < controlPlanes; i++) {
            node(i, i, profile.controlPlanePool(), true, zones, taint, workers == 0, sink);
        }
        List<NodePool> pools = profile.workerPools();
        int[] perPool = share(workers, pools);
        int index = controlPlanes;
        for (int p = 0; p < pools.size(); p++) {
            for (int i = 0; i < perPool[p]; i++) {
                node(index++, i, pools.get(p), false, zones, false, false, sink);
            }
        }
    }

    /** Splits workers over pools by weight, the remainder going to the first pool. */
    private static int[] share(int workers, List<NodePool> pools) {
        int[] counts = new int[pools.size()];
        double total = pools.stream().mapToDouble(NodePool::weight).sum();
        int assigned = 0;
        for (int p = 0; p < pools.size(); p++) {
            counts[p] = (int) Math.floor(workers * pools.get(p).weight() / total);
            assigned += counts[p];
        }
        counts[0] += workers - assigned;
        return counts;
    }

    private void node(int index, int indexInPool, NodePool pool, boolean controlPlane, List<String> zones, boolean tainted,
            boolean alsoWorker, Sink sink) {
        int zoneIndex = index % zones.size();
        String zone = zones.get(zoneIndex);
        NodeIdentity id = profile.namer().identify(new NodeSlot(index, indexInPool, pool, controlPlane, zone, zoneIndex, random));

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", pool.architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", pool.architecture());
        labels.put("kubernetes.io/hostname", id.name());
        labels.put("kubernetes.io/os", "linux");
        if (pool.instanceType() != null) {
            labels.put("beta.kubernetes.io/instance-type", pool.instanceType());
            labels.put("node.kubernetes.io/instance-type", pool.instanceType());
        }
        if (profile.region() != null) {
            labels.put("failure-domain.beta.kubernetes.io/region", profile.region());
            labels.put("failure-domain.beta.kubernetes.io/zone", zone);
            labels.put("topology.kubernetes.io/region", profile.region());
            labels.put("topology.kubernetes.io/zone", zone);
        }
        labels.putAll(pool.labels());
        labels.putAll(id.labels());
        if (controlPlane) {
            labels.putIfAbsent(CONTROL_PLANE_ROLE, "");
            if (KUBEADM_BASED.contains(profile.provider())) {
                // kubeadm keeps control-plane nodes out of external load balancers.
                labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
            }
            if (alsoWorker && profile.provider() == Provider.OPENSHIFT) {
                labels.put("node-role.kubernetes.io/worker", "");
            }
        }

        List<Taint> taints = new ArrayList<>();
        if (tainted) {
            String key = profile.provider() == Provider.OPENSHIFT ? "node-role.kubernetes.io/master" : CONTROL_PLANE_ROLE;
            taints.add(new TaintBuilder().withKey(key).withEffect("NoSchedule").build());
            if (profile.provider() == Provider.RANCHER) {
                taints.add(new TaintBuilder().withKey("node-role.kubernetes.io/etcd").withValue("true").withEffect("NoExecute").build());
            }
        }

        Instant created = now.minus(Duration.ofHours(24L * (20 + random.nextInt(180)) + random.nextInt(24)));
        long memoryKi = (long) (pool.memoryGib() * 1024L * 1024L * 0.96);
        long allocatableMemoryKi = memoryKi - (255L + 11L * pool.maxPods() + 100L) * 1024L;
        int allocatableCpu = pool.cpuCores() * 1000 - (70 + 10 * (pool.cpuCores() - 1));
        long diskKi = pool.diskGib() * 1024L * 1024L;
        String kernel = profile.os().kernelVersion();
        if ("arm64".equals(pool.architecture())) {
            kernel = kernel.replace("x86_64", "aarch64");
        }

        List<NodeAddress> addresses = new ArrayList<>();
        addresses.add(new NodeAddress(id.internalIp(), "InternalIP"));
        if (id.externalIp() != null) {
            addresses.add(new NodeAddress(id.externalIp(), "ExternalIP"));
        }
        addresses.add(new NodeAddress(id.name(), "Hostname"));
        if (id.name().endsWith(".compute.internal") || id.name().endsWith(".ec2.internal")) {
            addresses.add(new NodeAddress(id.name(), "InternalDNS"));
        }

        String uid = uuid();
        Map<String, String> annotations = ProviderProfiles.labels(
                "node.alpha.kubernetes.io/ttl", "0",
                "volumes.kubernetes.io/controller-managed-attach-detach", "true");
        var node = new NodeBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(id.name()).withUid(uid).withCreationTimestamp(ts(created))
                        .withLabels(labels).withAnnotations(annotations).build())
                .withNewSpec()
                .withProviderID(id.providerId())
                .withPodCIDR(podCidr(index) + "0/24")
                .withTaints(taints)
                .endSpec()
                .withNewStatus()
                .withCapacity(resources(pool.cpuCores() * 1000, memoryKi, pool.maxPods(), diskKi))
                .withAllocatable(resources(allocatableCpu, allocatableMemoryKi, pool.maxPods(), (long) (diskKi * 0.9)))
                .withConditions(healthyConditions(created))
                .withAddresses(addresses)
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture(pool.architecture())
                .withBootID(uuid())
                .withContainerRuntimeVersion(profile.os().containerRuntime())
                .withKernelVersion(kernel)
                .withKubeProxyVersion(profile.os().kubeletVersion())
                .withKubeletVersion(profile.os().kubeletVersion())
                .withMachineID(ProviderProfiles.hex(random, 32))
                .withOperatingSystem("linux")
                .withOsImage(profile.os().osImage())
                .withSystemUUID(uuid())
                .endNodeInfo()
                .endStatus()
                .build();
        sink.add(node, "nodes");
        nodes.add(new NodeInfo(index, id.name(), uid, id.internalIp(), controlPlane, !tainted, allocatableCpu, allocatableMemoryKi / 1024));
    }

    private static Map<String, Quantity> resources(int cpuMillis, long memoryKi, int pods, long ephemeralKi) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cpuMillis % 1000 == 0 ? new Quantity(String.valueOf(cpuMillis / 1000)) : new Quantity(cpuMillis + "m"));
        resources.put("ephemeral-storage", new Quantity(ephemeralKi + "Ki"));
        resources.put("hugepages-1Gi", new Quantity("0"));
        resources.put("hugepages-2Mi", new Quantity("0"));
        resources.put("memory", new Quantity(memoryKi + "Ki"));
        resources.put("pods", new Quantity(String.valueOf(pods)));
        return resources;
    }

    private List<NodeCondition> healthyConditions(Instant created) {
        String heartbeat = ts(now.minusSeconds(random.nextInt(40)));
        String since = ts(created.plusSeconds(45));
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, since),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, since),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, since),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, since));
    }

    static NodeCondition condition(String type, String status, String reason, String message, String heartbeat, String since) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(heartbeat).withLastTransitionTime(since).build();
    }

    // ---------------------------------------------------------------- storage and APIs

    private void storage(Sink sink) {
        for (StorageClassSpec spec : profile.storageClasses()) {
            Map<String, String> annotations = spec.isDefault()
                    ? ProviderProfiles.labels("storageclass.kubernetes.io/is-default-class", "true")
                    : Map.of();
            sink.add(new StorageClassBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(spec.name()).withUid(uuid()).withCreationTimestamp(ts(oldest()))
                            .withAnnotations(annotations).build())
                    .withProvisioner(spec.provisioner())
                    .withParameters(spec.parameters())
                    .withReclaimPolicy("Delete")
                    .withVolumeBindingMode(spec.bindingMode())
                    .withAllowVolumeExpansion(spec.csi())
                    .build(), "storageclasses");
        }
    }

    private void apis(Sink sink) {
        Set<String> crds = new HashSet<>();
        for (ApiGroup group : profile.apiGroups()) {
            if (!group.crd()) {
                continue;
            }
            for (ApiResourceSpec resource : group.resources()) {
                String name = resource.plural() + "." + group.group();
                if (!crds.add(name)) {
                    continue;
                }
                sink.add(new CustomResourceDefinitionBuilder()
                        .withMetadata(new ObjectMetaBuilder().withName(name).withUid(uuid()).withCreationTimestamp(ts(oldest())).build())
                        .withNewSpec()
                        .withGroup(group.group())
                        .withScope(resource.namespaced() ? "Namespaced" : "Cluster")
                        .withNewNames()
                        .withPlural(resource.plural())
                        .withSingular(resource.kind().toLowerCase(Locale.ROOT))
                        .withKind(resource.kind())
                        .withListKind(resource.kind() + "List")
                        .endNames()
                        .addNewVersion()
                        .withName(group.version()).withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                        .endVersion()
                        .endSpec()
                        .build(), "customresourcedefinitions");
            }
        }
        for (CustomObject object : profile.customObjects()) {
            if (object.namespace() != null) {
                namespaces.add(object.namespace());
            }
            GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                    .withApiVersion(object.apiVersion())
                    .withKind(object.kind())
                    .withMetadata(new ObjectMetaBuilder().withName(object.name()).withNamespace(object.namespace())
                            .withUid(uuid()).withCreationTimestamp(ts(oldest())).withGeneration(1L).build())
                    .build();
            resource.setAdditionalProperty("spec", object.spec());
            resource.setAdditionalProperty("status", object.status());
            sink.add(resource, object.plural());
        }
    }

    // ---------------------------------------------------------------- platform workloads

    private void systemWorkload(SystemWorkload workload, Sink sink) {
        List<NodeInfo> targets = targets(workload.placement());
        Instant created = oldest().plus(Duration.ofMinutes(5 + random.nextInt(30)));
        ContainerSpec container = new ContainerSpec(containerName(workload.name()), workload.image(), imageId(workload.image()),
                workload.cpuMillis(), workload.memoryMi(), workload.memoryMi() == 0 ? 0 : workload.memoryMi() * 2);
        Map<String, String> labels = ProviderProfiles.labels("k8s-app", workload.name());
        switch (workload.kind()) {
            case DAEMONSET -> {
                Owner owner = daemonSet(workload.namespace(), workload.name(), labels, container, targets.size(), created, sink);
                for (NodeInfo node : targets) {
                    pod(new PodPlan(workload.namespace(), uniqueName(workload.name() + "-"), labels, owner, node, List.of(container),
                            created.plusSeconds(20), true, 0, "system-node-critical", null), sink);
                }
            }
            case STATIC_POD -> {
                for (NodeInfo node : targets) {
                    Owner owner = new Owner("v1", "Node", node.name, node.uid);
                    pod(new PodPlan(workload.namespace(), workload.name() + "-" + node.name, labels, owner, node, List.of(container),
                            created, true, 0, "system-node-critical", null), sink);
                }
            }
            case DEPLOYMENT -> deployment(workload.namespace(), workload.name(), workload.replicas(), labels, container, targets,
                    created, "system-cluster-critical", sink);
            case STATEFULSET -> statefulSet(workload.namespace(), workload.name(), workload.replicas(), labels, container, targets,
                    created, 0, sink);
            case BARE_POD -> pod(new PodPlan(workload.namespace(), workload.name(), ProviderProfiles.labels("integration-test", workload.name()),
                    null, targets.get(0), List.of(container), created, true, 0, null, null), sink);
            case COMPLETED_JOB -> completedJob(workload.namespace(), workload.name(), null, labels, container, targets.get(0), created, sink);
            default -> throw new IllegalStateException("unhandled kind " + workload.kind());
        }
    }

    /** The nodes a placement runs on; pods that want workers fall back to the control plane of a one-node cluster. */
    private List<NodeInfo> targets(Placement placement) {
        List<NodeInfo> controlPlane = nodes.stream().filter(n -> n.controlPlane).toList();
        List<NodeInfo> workers = nodes.stream().filter(n -> !n.controlPlane).toList();
        return switch (placement) {
            case ALL_NODES -> nodes;
            case CONTROL_PLANE -> controlPlane.isEmpty() ? workers : controlPlane;
            case WORKERS -> workers.isEmpty() ? controlPlane : workers;
        };
    }

    // ---------------------------------------------------------------- applications

    private void applications(Sink sink) {
        int target = nodeCount * podsPerNode;
        int remaining = target - podCount;
        List<NodeInfo> schedulable = nodes.stream().filter(n -> n.schedulable).toList();
        int appSlots = Math.max(1, schedulable.stream().mapToInt(n -> Math.max(0, podsPerNode - n.pods)).max().orElse(1));
        // Requests are sized so that a full node stays under its allocatable CPU and memory.
        int cpuCap = Math.max(10, schedulable.stream().mapToInt(n -> (int) (n.allocatableCpu * 0.85) - n.cpuRequested).min().orElse(1000) / appSlots);
        int memoryCap = Math.max(32, (int) (schedulable.stream().mapToLong(n -> (long) (n.allocatableMemoryMi * 0.85) - n.memoryRequested)
                .min().orElse(2048) / appSlots));
        int scale = Math.max(1, (int) Math.round(Math.sqrt(Math.max(0, remaining) / 100.0)));

        int n = 0;
        boolean statefulDone = false;
        forceWarning = true;
        while (remaining > 0 || n == 0 || !statefulDone) {
            String namespace = n < APP_NAMESPACES.size() ? APP_NAMESPACES.get(n) : APP_NAMESPACES.get(n % APP_NAMESPACES.size()) + "-" + (n / APP_NAMESPACES.size() + 1);
            namespaces.add(namespace);
            appNamespaces.add(namespace);
            Instant created = oldest().plus(Duration.ofDays(1 + random.nextInt(10)));
            sink.add(new SecretBuilder()
                    .withMetadata(meta(namespace + "-db-credentials", namespace, ProviderProfiles.labels("app.kubernetes.io/part-of", namespace), created))
                    .withType("Opaque")
                    .withData(Map.of("username", base64(namespace), "password", base64(ProviderProfiles.hex(random, 24))))
                    .build(), "secrets");
            String prefix = namespace.replaceAll("-\\d+$", "");
            for (AppComponent component : AppComponent.values()) {
                if (remaining <= 0 && (component != AppComponent.POSTGRES || statefulDone) && !(n == 0 && component == AppComponent.API)) {
                    continue;
                }
                if (component == AppComponent.NIGHTLY_REPORT && n % 3 != 2) {
                    continue;
                }
                String name = prefix + "-" + component.suffix;
                Map<String, String> labels = ProviderProfiles.labels(
                        "app.kubernetes.io/name", name,
                        "app.kubernetes.io/part-of", namespace,
                        "app.kubernetes.io/version", component.version);
                String image = profile.imageRegistry() + "/" + (component.image != null ? component.image : name) + ":" + component.version;
                int cpu = Math.min(component.cpuMillis, cpuCap);
                int memory = Math.min(component.memoryMi, memoryCap);
                List<ContainerSpec> containers = new ArrayList<>();
                containers.add(new ContainerSpec(component.container, image, imageId(image), cpu, memory, memory * 2));
                if (component.sidecar) {
                    String shipper = "cr.fluentbit.io/fluent/fluent-bit:3.1.9";
                    containers.add(new ContainerSpec("log-shipper", shipper, imageId(shipper), Math.min(20, cpuCap), Math.min(32, memoryCap), 64));
                }
                Instant since = created.plus(Duration.ofHours(random.nextInt(200)));
                switch (component.kind) {
                    case DEPLOYMENT -> {
                        int replicas = Math.max(1, Math.min(Math.max(remaining, 1), component.replicas * scale));
                        appDeployment(namespace, name, replicas, labels, containers, since, sink);
                        remaining -= replicas;
                    }
                    case STATEFULSET -> {
                        int replicas = Math.max(1, Math.min(Math.max(remaining, 1), component.replicas));
                        statefulSetOf(namespace, name, replicas, labels, containers, since, component.volumeGi, sink);
                        remaining -= replicas;
                        statefulDone = true;
                    }
                    case COMPLETED_JOB -> {
                        nightlyReport(namespace, name, labels, containers.get(0), sink);
                        remaining -= 1;
                    }
                    default -> throw new IllegalStateException("unhandled kind " + component.kind);
                }
            }
            n++;
        }
    }

    /** The services every application namespace is made of, with their usual requests. */
    private enum AppComponent {
        API("api", WorkloadKind.DEPLOYMENT, 3, 250, 512, "app", null, "2.14.3", false, 0),
        WORKER("worker", WorkloadKind.DEPLOYMENT, 2, 500, 1024, "worker", null, "2.14.3", true, 0),
        WEB("web", WorkloadKind.DEPLOYMENT, 2, 100, 128, "nginx", null, "1.27.2", false, 0),
        CONSUMER("consumer", WorkloadKind.DEPLOYMENT, 2, 200, 384, "consumer", null, "2.14.3", false, 0),
        POSTGRES("postgres", WorkloadKind.STATEFULSET, 2, 500, 1024, "postgres", "postgres", "16.4", false, 50),
        REDIS("redis", WorkloadKind.STATEFULSET, 1, 100, 256, "redis", "redis", "7.4.1", false, 8),
        NIGHTLY_REPORT("nightly-report", WorkloadKind.COMPLETED_JOB, 1, 200, 256, "report", null, "1.3.0", false, 0);

        final String suffix;
        final WorkloadKind kind;
        final int replicas;
        final int cpuMillis;
        final int memoryMi;
        final String container;
        final String image;
        final String version;
        final boolean sidecar;
        final int volumeGi;

        AppComponent(String suffix, WorkloadKind kind, int replicas, int cpuMillis, int memoryMi, String container, String image,
                String version, boolean sidecar, int volumeGi) {
            this.suffix = suffix;
            this.kind = kind;
            this.replicas = replicas;
            this.cpuMillis = cpuMillis;
            this.memoryMi = memoryMi;
            this.container = container;
            this.image = image;
            this.version = version;
            this.sidecar = sidecar;
            this.volumeGi = volumeGi;
        }
    }

    private void appDeployment(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, Sink sink) {
        Owner replicaSet = deploymentObjects(namespace, name, replicas, labels, containers, created, sink);
        for (int i = 0; i < replicas; i++) {
            NodeInfo node = nextAppNode();
            pod(new PodPlan(namespace, uniqueName(replicaSet.name() + "-"), withHash(labels, replicaSet.name()), replicaSet, node, containers,
                    created.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 5))), true, restarts(), null, null), sink);
        }
    }

    private void statefulSetOf(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, int volumeGi, Sink sink) {
        List<NodeInfo> targets = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            targets.add(nextAppNode());
        }
        statefulSet(namespace, name, replicas, labels, containers.get(0), targets, created, volumeGi, sink);
    }

    private NodeInfo nextAppNode() {
        List<NodeInfo> schedulable = nodes.stream().filter(n -> n.schedulable).toList();
        for (int tries = 0; tries < schedulable.size(); tries++) {
            NodeInfo node = schedulable.get(appCursor++ % schedulable.size());
            if (node.pods < podsPerNode) {
                return node;
            }
        }
        // Every node is full: the minimum application set still has to run somewhere.
        return schedulable.get(appCursor++ % schedulable.size());
    }

    private void nightlyReport(String namespace, String name, Map<String, String> labels, ContainerSpec container, Sink sink) {
        String cronJobUid = uuid();
        Instant lastRun = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(2));
        if (lastRun.isAfter(now)) {
            lastRun = lastRun.minus(Duration.ofDays(1));
        }
        PodTemplateSpec template = template(labels, List.of(container), "OnFailure");
        sink.add(new CronJobBuilder()
                .withMetadata(meta(name, namespace, labels, oldest().plus(Duration.ofDays(3)), cronJobUid))
                .withNewSpec()
                .withSchedule("0 2 * * *")
                .withConcurrencyPolicy("Forbid")
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewSpec().withTemplate(template).withBackoffLimit(2).endSpec().endJobTemplate()
                .endSpec()
                .withNewStatus().withLastScheduleTime(ts(lastRun)).withLastSuccessfulTime(ts(lastRun.plusSeconds(312))).endStatus()
                .build(), "cronjobs");
        String jobName = name + "-" + (lastRun.getEpochSecond() / 60);
        completedJob(namespace, jobName, new Owner("batch/v1", "CronJob", name, cronJobUid), labels, container, nextAppNode(), lastRun, sink);
    }

    // ---------------------------------------------------------------- workload objects

    private Owner daemonSet(String namespace, String name, Map<String, String> labels, ContainerSpec container, int desired, Instant created, Sink sink) {
        String uid = uuid();
        sink.add(new DaemonSetBuilder()
                .withMetadata(meta(name, namespace, labels, created, uid, 1L))
                .withNewSpec()
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(template(labels, List.of(container), "Always"))
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired).withNumberReady(desired)
                .withNumberAvailable(desired).withUpdatedNumberScheduled(desired).withNumberMisscheduled(0).withObservedGeneration(1L)
                .endStatus()
                .build(), "daemonsets");
        return new Owner("apps/v1", "DaemonSet", name, uid);
    }

    private void deployment(String namespace, String name, int replicas, Map<String, String> labels, ContainerSpec container,
            List<NodeInfo> targets, Instant created, String priorityClass, Sink sink) {
        Owner replicaSet = deploymentObjects(namespace, name, replicas, labels, List.of(container), created, sink);
        for (int i = 0; i < replicas; i++) {
            // Rotating over the nodes keeps the platform's replicas from piling up on the first one.
            NodeInfo node = targets.get(systemCursor++ % targets.size());
            pod(new PodPlan(namespace, uniqueName(replicaSet.name() + "-"), withHash(labels, replicaSet.name()), replicaSet, node,
                    List.of(container), created.plusSeconds(30), true, 0, priorityClass, null), sink);
        }
    }

    /** Writes a Deployment and its current ReplicaSet; returns the ReplicaSet, which owns the pods. */
    private Owner deploymentObjects(String namespace, String name, int replicas, Map<String, String> labels, List<ContainerSpec> containers,
            Instant created, Sink sink) {
        String deploymentUid = uuid();
        long generation = 1 + random.nextInt(12);
        String hash = ProviderProfiles.alnum(random, 10);
        sink.add(new DeploymentBuilder()
                .withMetadata(meta(name, namespace, labels, created, deploymentUid, generation))
                .withNewSpec()
                .withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(template(labels, containers, "Always"))
                .withRevisionHistoryLimit(10)
                .withNewStrategy().withType("RollingUpdate").endStrategy()
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                .withObservedGeneration(generation)
                .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
                .withMessage("ReplicaSet \"" + name + "-" + hash + "\" has successfully progressed.")
                .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                .endStatus()
                .build(), "deployments");

        String replicaSetName = name + "-" + hash;
        String replicaSetUid = uuid();
        Map<String, String> podLabels = withHash(labels, replicaSetName);
        ObjectMeta meta = meta(replicaSetName, namespace, podLabels, created, replicaSetUid, 1L);
        meta.setOwnerReferences(List.of(ownerReference(new Owner("apps/v1", "Deployment", name, deploymentUid))));
        meta.setAnnotations(ProviderProfiles.labels("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas),
                "deployment.kubernetes.io/max-replicas", String.valueOf(replicas + Math.max(1, replicas / 4)),
                "deployment.kubernetes.io/revision", String.valueOf(generation)));
        sink.add(new ReplicaSetBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withReplicas(replicas)
                .withSelector(new LabelSelectorBuilder().withMatchLabels(podLabels).build())
                .withTemplate(template(podLabels, containers, "Always"))
                .endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withFullyLabeledReplicas(replicas).withObservedGeneration(1L).endStatus()
                .build(), "replicasets");
        return new Owner("apps/v1", "ReplicaSet", replicaSetName, replicaSetUid);
    }

    private void statefulSet(String namespace, String name, int replicas, Map<String, String> labels, ContainerSpec container,
            List<NodeInfo> targets, Instant created, int volumeGi, Sink sink) {
        String uid = uuid();
        String revision = name + "-" + ProviderProfiles.alnum(random, 10);
        StorageClassSpec storage = profile.storageClasses().get(0);
        var builder = new StatefulSetBuilder()
                .withMetadata(meta(name, namespace, labels, created, uid, 1L))
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name + "-headless")
                .withPodManagementPolicy("OrderedReady")
                .withSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
                .withTemplate(template(labels, List.of(container), "Always"))
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas).withCurrentRevision(revision).withUpdateRevision(revision).withObservedGeneration(1L)
                .endStatus();
        if (volumeGi > 0) {
            builder.editSpec().addNewVolumeClaimTemplate()
                    .withNewMetadata().withName("data").endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.name())
                    .withNewResources().addToRequests("storage", new Quantity(volumeGi + "Gi")).endResources().endSpec()
                    .endVolumeClaimTemplate().endSpec();
        }
        sink.add(builder.build(), "statefulsets");
        Owner owner = new Owner("apps/v1", "StatefulSet", name, uid);
        int offset = systemCursor;
        systemCursor += replicas;
        for (int i = 0; i < replicas; i++) {
            String podName = name + "-" + i;
            NodeInfo node = targets.get((offset + i) % targets.size());
            String claim = null;
            if (volumeGi > 0) {
                claim = "data-" + podName;
                volume(namespace, claim, labels, volumeGi, storage, node, created, sink);
            }
            Map<String, String> podLabels = new LinkedHashMap<>(labels);
            podLabels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
            podLabels.put("controller-revision-hash", revision);
            podLabels.put("statefulset.kubernetes.io/pod-name", podName);
            pod(new PodPlan(namespace, podName, podLabels, owner, node, List.of(container), created.plusSeconds(40L * i), true,
                    restarts(), null, claim), sink);
        }
    }

    private void volume(String namespace, String claim, Map<String, String> labels, int sizeGi, StorageClassSpec storage, NodeInfo node,
            Instant created, Sink sink) {
        String claimUid = uuid();
        String volumeName = "pvc-" + claimUid;
        Quantity size = new Quantity(sizeGi + "Gi");
        Map<String, String> annotations = ProviderProfiles.labels(
                "pv.kubernetes.io/bind-completed", "yes",
                "pv.kubernetes.io/bound-by-controller", "yes",
                "volume.beta.kubernetes.io/storage-provisioner", storage.provisioner(),
                "volume.kubernetes.io/storage-provisioner", storage.provisioner());
        if ("WaitForFirstConsumer".equals(storage.bindingMode())) {
            annotations.put("volume.kubernetes.io/selected-node", node.name);
        }
        ObjectMeta claimMeta = meta(claim, namespace, labels, created, claimUid);
        claimMeta.setAnnotations(annotations);
        sink.add(new PersistentVolumeClaimBuilder()
                .withMetadata(claimMeta)
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.name())
                .withVolumeMode("Filesystem")
                .withVolumeName(volumeName)
                .withNewResources().addToRequests("storage", size).endResources()
                .endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").addToCapacity("storage", size).endStatus()
                .build(), "persistentvolumeclaims");

        String zone = profile.zones().isEmpty() ? "" : profile.zones().get(node.index % profile.zones().size());
        var volume = new PersistentVolumeBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(volumeName).withUid(uuid()).withCreationTimestamp(ts(created))
                        .withAnnotations(ProviderProfiles.labels("pv.kubernetes.io/provisioned-by", storage.provisioner())).build())
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .addToCapacity("storage", size)
                .withPersistentVolumeReclaimPolicy("Delete")
                .withStorageClassName(storage.name())
                .withVolumeMode("Filesystem")
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claim)
                .withUid(claimUid).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus();
        String handle = storage.volumeHandle()
                .replace("{uuid}", claimUid)
                .replace("{zone}", zone)
                .replace("{hex17}", ProviderProfiles.hex(random, 16))
                .replace("{namespace}", namespace)
                .replace("{claim}", claim);
        if (storage.csi()) {
            volume.editSpec().withNewCsi().withDriver(storage.provisioner()).withVolumeHandle(handle).withFsType("ext4").endCsi().endSpec();
        } else {
            volume.editSpec().withNewHostPath().withPath(handle).withType("DirectoryOrCreate").endHostPath().endSpec();
        }
        sink.add(volume.build(), "persistentvolumes");
    }

    private void completedJob(String namespace, String name, Owner owner, Map<String, String> labels, ContainerSpec container,
            NodeInfo node, Instant started, Sink sink) {
        String uid = uuid();
        Map<String, String> jobLabels = new LinkedHashMap<>(labels);
        jobLabels.put("batch.kubernetes.io/job-name", name);
        jobLabels.put("batch.kubernetes.io/controller-uid", uid);
        ObjectMeta meta = meta(name, namespace, jobLabels, started, uid, 1L);
        if (owner != null) {
            meta.setOwnerReferences(List.of(ownerReference(owner)));
        }
        sink.add(new JobBuilder()
                .withMetadata(meta)
                .withNewSpec().withBackoffLimit(2).withCompletions(1).withParallelism(1)
                .withTemplate(template(jobLabels, List.of(container), "OnFailure")).endSpec()
                .withNewStatus().withSucceeded(1).withStartTime(ts(started)).withCompletionTime(ts(started.plusSeconds(312)))
                .addNewCondition().withType("Complete").withStatus("True").withLastProbeTime(ts(started.plusSeconds(312)))
                .withLastTransitionTime(ts(started.plusSeconds(312))).endCondition()
                .endStatus()
                .build(), "jobs");
        pod(new PodPlan(namespace, uniqueName(name + "-"), jobLabels, new Owner("batch/v1", "Job", name, uid), node, List.of(container),
                started, false, 0, null, null), sink);
    }

    // ---------------------------------------------------------------- pods

    /** Everything that varies between two pods. {@code running} false means the pod completed (a Job's pod). */
    private record PodPlan(String namespace, String name, Map<String, String> labels, Owner owner, NodeInfo node,
            List<ContainerSpec> containers, Instant created, boolean running, int restarts, String priorityClass, String claim) {
    }

    private void pod(PodPlan plan, Sink sink) {
        NodeInfo node = plan.node();
        String uid = uuid();
        boolean withEvents = plan.running() && (podCount % eventStride == 0 || forceWarning);
        // Pods with events were (re)started within the last hour: events older than that are gone.
        Instant created = withEvents ? now.minus(Duration.ofSeconds(120 + random.nextInt(3300))) : plan.created();
        Instant started = created.plusSeconds(2 + random.nextInt(6));
        String podIp = podCidr(node.index) + (2 + node.pods % 250);
        ObjectMeta meta = meta(plan.name(), plan.namespace(), plan.labels(), created, uid);
        if (plan.owner() != null) {
            meta.setOwnerReferences(List.of(ownerReference(plan.owner())));
        }
        if (plan.owner() != null && plan.owner().kind().equals("Node")) {
            meta.setAnnotations(ProviderProfiles.labels("kubernetes.io/config.source", "file",
                    "kubernetes.io/config.mirror", ProviderProfiles.hex(random, 32)));
        }

        List<ContainerStatus> statuses = new ArrayList<>();
        int cpu = 0;
        long memory = 0;
        for (ContainerSpec container : plan.containers()) {
            statuses.add(containerStatus(container, plan, started));
            cpu += container.cpuMillis();
            memory += container.memoryMi();
        }
        List<Volume> volumes = plan.claim() == null ? List.of()
                : List.of(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName(plan.claim()).endPersistentVolumeClaim().build());

        var pod = new PodBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withContainers(plan.containers().stream().map(c -> new ContainerBuilder()
                        .withName(c.name()).withImage(c.image()).withImagePullPolicy("IfNotPresent")
                        .withResources(requirements(c))
                        .build()).toList())
                .withNodeName(node.name)
                .withVolumes(volumes)
                .withServiceAccountName(plan.namespace().equals("default") ? "default" : serviceAccount(plan))
                .withRestartPolicy(plan.running() ? "Always" : "OnFailure")
                .withSchedulerName("default-scheduler")
                .withPriorityClassName(plan.priorityClass())
                .withPriority(plan.priorityClass() == null ? 0 : plan.priorityClass().equals("system-node-critical") ? 2000001000 : 2000000000)
                .withTerminationGracePeriodSeconds(30L)
                .withDnsPolicy("ClusterFirst")
                .withEnableServiceLinks(true)
                .withPreemptionPolicy("PreemptLowerPriority")
                .withTolerations(defaultTolerations())
                .endSpec()
                .withNewStatus()
                .withPhase(plan.running() ? "Running" : "Succeeded")
                .withConditions(podConditions(plan.running(), created, started))
                .withHostIP(node.ip)
                .withPodIP(plan.running() ? podIp : null)
                .withStartTime(ts(created))
                .withContainerStatuses(statuses)
                .withQosClass(plan.containers().stream().allMatch(c -> c.cpuMillis() == 0 && c.memoryMi() == 0) ? "BestEffort" : "Burstable")
                .endStatus()
                .build();
        sink.add(pod, "pods");
        node.pods++;
        node.cpuRequested += cpu;
        node.memoryRequested += memory;
        podCount++;
        if (withEvents) {
            podEvents(plan, uid, created, podIp, sink);
        }
    }

    private static String serviceAccount(PodPlan plan) {
        return plan.owner() == null || plan.owner().kind().equals("Node") ? "default" : plan.labels().getOrDefault("k8s-app",
                plan.labels().getOrDefault("app.kubernetes.io/name", "default"));
    }

    private ContainerStatus containerStatus(ContainerSpec container, PodPlan plan, Instant started) {
        String containerId = runtimePrefix + ProviderProfiles.hex(random, 64);
        var status = new ContainerStatusBuilder()
                .withName(container.name())
                .withImage(container.image())
                .withImageID(container.imageId())
                .withContainerID(containerId)
                .withRestartCount(plan.restarts());
        if (plan.running()) {
            status.withReady(true).withStarted(true).withNewState().withNewRunning().withStartedAt(ts(started)).endRunning().endState();
            if (plan.restarts() > 0) {
                Instant died = started.minus(Duration.ofMinutes(1 + random.nextInt(600)));
                status.withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                        .withStartedAt(ts(died.minus(Duration.ofHours(3)))).withFinishedAt(ts(died))
                        .withContainerID(runtimePrefix + ProviderProfiles.hex(random, 64)).endTerminated().endLastState();
            }
        } else {
            status.withReady(false).withStarted(false).withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(ts(started)).withFinishedAt(ts(started.plusSeconds(300))).withContainerID(containerId)
                    .endTerminated().endState();
        }
        return status.build();
    }

    private static List<PodCondition> podConditions(boolean running, Instant created, Instant started) {
        String ready = running ? "True" : "False";
        String reason = running ? null : "PodCompleted";
        return List.of(
                podCondition("PodReadyToStartContainers", ready, null, started),
                podCondition("Initialized", "True", reason, created),
                podCondition("Ready", ready, reason, started.plusSeconds(5)),
                podCondition("ContainersReady", ready, reason, started.plusSeconds(5)),
                podCondition("PodScheduled", "True", null, created));
    }

    private static PodCondition podCondition(String type, String status, String reason, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withLastTransitionTime(ts(at)).build();
    }

    private static List<Toleration> defaultTolerations() {
        return List.of(
                new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build(),
                new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build());
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements requirements(ContainerSpec container) {
        var resources = new ResourceRequirementsBuilder();
        if (container.cpuMillis() > 0) {
            resources.addToRequests("cpu", new Quantity(container.cpuMillis() + "m"));
        }
        if (container.memoryMi() > 0) {
            resources.addToRequests("memory", new Quantity(container.memoryMi() + "Mi"));
        }
        if (container.memoryLimitMi() > 0) {
            resources.addToLimits("memory", new Quantity(container.memoryLimitMi() + "Mi"));
        }
        return resources.build();
    }

    private PodTemplateSpec template(Map<String, String> labels, List<ContainerSpec> containers, String restartPolicy) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withContainers(containers.stream().map(c -> new ContainerBuilder().withName(c.name()).withImage(c.image())
                        .withResources(requirements(c)).build()).toList())
                .withRestartPolicy(restartPolicy)
                .endSpec()
                .build();
    }

    // ---------------------------------------------------------------- events

    private void podEvents(PodPlan plan, String podUid, Instant created, String podIp, Sink sink) {
        String pod = plan.name();
        String namespace = plan.namespace();
        String node = plan.node().name;
        int roll = forceWarning ? 1 : random.nextInt(20);
        forceWarning = false;
        if (roll == 0) {
            int total = nodeCount;
            event(sink, namespace, "Pod", pod, podUid, null, "Warning", "FailedScheduling",
                    "0/" + total + " nodes are available: " + total + " Insufficient cpu. preemption: 0/" + total
                            + " nodes are available: " + total + " No preemption victims found for incoming pod.",
                    "default-scheduler", null, created, 2);
        }
        event(sink, namespace, "Pod", pod, podUid, null, "Normal", "Scheduled",
                "Successfully assigned " + namespace + "/" + pod + " to " + node, "default-scheduler", null, created.plusSeconds(1), 1);
        for (ContainerSpec container : plan.containers()) {
            String field = "spec.containers{" + container.name() + "}";
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Pulled",
                    "Container image \"" + container.image() + "\" already present on machine", "kubelet", node, created.plusSeconds(2), 1);
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Created", "Created container " + container.name(),
                    "kubelet", node, created.plusSeconds(2), 1);
            event(sink, namespace, "Pod", pod, podUid, field, "Normal", "Started", "Started container " + container.name(),
                    "kubelet", node, created.plusSeconds(3), 1);
        }
        if (roll == 1 || roll == 2) {
            event(sink, namespace, "Pod", pod, podUid, "spec.containers{" + plan.containers().get(0).name() + "}", "Warning", "Unhealthy",
                    "Readiness probe failed: Get \"http://" + podIp + ":8080/healthz\": dial tcp " + podIp + ":8080: connect: connection refused",
                    "kubelet", node, created.plusSeconds(5), 3);
        }
        if (roll == 3) {
            event(sink, namespace, "Pod", pod, podUid, null, "Warning", "DNSConfigForming",
                    "Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.0.0.2 10.0.0.3 10.0.0.4",
                    "kubelet", node, created.plusSeconds(2), 1 + random.nextInt(8));
        }
    }

    /** A core/v1 Event as the kubelet and controllers write them; {@code count} repeats are folded into one object. */
    Event event(Sink sink, String namespace, String kind, String name, String uid, String fieldPath, String type, String reason,
            String message, String component, String host, Instant first, int count) {
        Instant last = first.plusSeconds(10L * (count - 1));
        if (last.isAfter(now)) {
            last = now;
        }
        Event event = newEvent(namespace, kind, name, uid, fieldPath, type, reason, message, component, host, first, last, count,
                uuid(), ProviderProfiles.hex(random, 16));
        sink.add(event, "events");
        eventCount++;
        return event;
    }

    static Event newEvent(String namespace, String kind, String name, String uid, String fieldPath, String type, String reason,
            String message, String component, String host, Instant first, Instant last, int count, String eventUid, String suffix) {
        return new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name + "." + suffix).withNamespace(namespace).withUid(eventUid)
                        .withCreationTimestamp(ts(first)).build())
                .withNewInvolvedObject().withApiVersion("v1").withKind(kind).withNamespace("Node".equals(kind) ? null : namespace)
                .withName(name).withUid(uid).withFieldPath(fieldPath).endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component)
                .withReportingInstance(host == null ? "" : host)
                .withFirstTimestamp(ts(first))
                .withLastTimestamp(ts(last))
                .withCount(count)
                .build();
    }

    // ---------------------------------------------------------------- helpers

    /** What the generator remembers of a node to place pods on it. */
    private static final class NodeInfo {
        final int index;
        final String name;
        final String uid;
        final String ip;
        final boolean controlPlane;
        final boolean schedulable;
        final int allocatableCpu;
        final long allocatableMemoryMi;
        int pods;
        int cpuRequested;
        long memoryRequested;

        NodeInfo(int index, String name, String uid, String ip, boolean controlPlane, boolean schedulable, int allocatableCpu,
                long allocatableMemoryMi) {
            this.index = index;
            this.name = name;
            this.uid = uid;
            this.ip = ip;
            this.controlPlane = controlPlane;
            this.schedulable = schedulable;
            this.allocatableCpu = allocatableCpu;
            this.allocatableMemoryMi = allocatableMemoryMi;
        }
    }

    private record ContainerSpec(String name, String image, String imageId, int cpuMillis, int memoryMi, int memoryLimitMi) {
    }

    record Owner(String apiVersion, String kind, String name, String uid) {
    }

    static OwnerReference ownerReference(Owner owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.apiVersion()).withKind(owner.kind()).withName(owner.name())
                .withUid(owner.uid()).withController(true).withBlockOwnerDeletion(true).build();
    }

    private ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created) {
        return meta(name, namespace, labels, created, uuid());
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created, String uid) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid(uid).withCreationTimestamp(ts(created))
                .withLabels(labels).build();
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created, String uid, long generation) {
        ObjectMeta meta = meta(name, namespace, labels, created, uid);
        meta.setGeneration(generation);
        return meta;
    }

    private static Map<String, String> withHash(Map<String, String> labels, String replicaSetName) {
        Map<String, String> withHash = new LinkedHashMap<>(labels);
        withHash.put("pod-template-hash", replicaSetName.substring(replicaSetName.lastIndexOf('-') + 1));
        return withHash;
    }

    private String uniqueName(String prefix) {
        // Checked per generator, not per namespace: a collision across namespaces only costs one more draw.
        String name;
        do {
            name = prefix + ProviderProfiles.alnum(random, 5);
        } while (!podNames.add(name));
        return name;
    }

    private int restarts() {
        int roll = random.nextInt(100);
        return roll < 90 ? 0 : roll < 98 ? 1 + random.nextInt(2) : 3 + random.nextInt(8);
    }

    private Instant oldest() {
        return now.minus(Duration.ofDays(240));
    }

    private Duration age(String namespace) {
        return appNamespaces.contains(namespace) ? Duration.ofDays(200) : Duration.ofDays(240);
    }

    private String imageId(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image.replaceAll(":[^:/]+$", "");
        return repository + "@sha256:" + ProviderProfiles.hex(new Random(image.hashCode()), 64);
    }

    private static String containerName(String workload) {
        String name = workload.replaceAll("^rke2-", "").replaceAll("-[0-9a-f]{8}$", "");
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static String podCidr(int nodeIndex) {
        return "10." + (64 + nodeIndex / 256) + "." + (nodeIndex % 256) + ".";
    }

    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String ts(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
