package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.mooring.simulator.ProviderProfile.StorageClassSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An imported cluster of a given provider and size, served by a fabric8 Kubernetes mock server in CRUD mode on
 * a loopback port. The simulator's own {@link #client()} is cluster-admin; every other caller, such as an agent
 * using {@link #writeKubeconfig(Path)} or {@link #agentClient()}, is the agent's service account and gets the
 * RBAC of the simulated {@link Mode}: in read-only mode writes and Secret reads are refused with 403, as on a real
 * cluster with the read-only import manifest.
 *
 * <pre>{@code
 * try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.EKS).mode(Mode.READ_ONLY)
 *         .nodes(5).podsPerNode(10).start()) {
 *     cluster.writeKubeconfig(dir.resolve("kubeconfig"));
 *     ... run the agent ...
 *     cluster.nodeNotReady(cluster.nodeNames().get(0));
 *     assertThat(cluster.writeRequests()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Scripted changes go through the simulator's client, so agents watching the cluster see them as watch
 * events; they are not counted as writes of the agent.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";

    private final Provider provider;
    private final ProviderProfile profile;
    private final KubernetesMockServer server;
    private final Authorizer authorizer;
    private final RequestLog requestLog;
    private final KubernetesClient adminClient;
    private final KubernetesClient agentClient;
    private final String agentToken;
    private final String masterUrl;
    private final String agentNamespace;
    private final int nodeCount;
    private final int podCount;
    private final int objectCount;
    private final Duration seedTime;
    private final List<String> applicationNamespaces;
    private final Random random;
    private final AtomicInteger placement = new AtomicInteger();

    private SimulatedCluster(Builder builder) {
        this.provider = builder.provider;
        this.profile = ProviderProfiles.of(provider);
        this.agentNamespace = builder.agentNamespace;
        this.random = new Random(builder.seed ^ 0x5eed);
        Instant began = Instant.now();

        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        ObjectStore store = new ObjectStore(crud);
        FixtureGenerator generator = new FixtureGenerator(profile, builder.nodes, builder.podsPerNode, began, builder.seed);
        generator.generate(store::seed);
        this.nodeCount = builder.nodes;
        this.podCount = generator.podCount();
        this.objectCount = store.size();
        this.applicationNamespaces = List.copyOf(generator.applicationNamespaces());

        ApiDiscovery discovery = new ApiDiscovery(profile);
        this.authorizer = new Authorizer(discovery, builder.mode, builder.agentNamespace, builder.agentName);
        this.requestLog = new RequestLog();
        String adminToken = "simulator-admin-" + UUID.randomUUID();
        this.agentToken = "simulated-agent-" + UUID.randomUUID();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        SimulatorDispatcher dispatcher = new SimulatorDispatcher(crud, store, expectations, discovery, authorizer, requestLog, adminToken,
                this::grantFullPermission);
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations, dispatcher, false) {
            @Override
            public void onStart() {
                // "/" and "/version" are answered by the dispatcher, from the provider's profile.
            }
        };
        server.start(InetAddress.getLoopbackAddress(), builder.port);
        this.seedTime = Duration.between(began, Instant.now());
        this.masterUrl = server.url("/");
        this.adminClient = newClient(masterUrl, adminToken, 0);
        this.agentClient = newClient(masterUrl, agentToken, Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Chooses what to simulate; {@link #start()} generates the cluster and starts serving it. */
    public static final class Builder {
        private Provider provider = Provider.KUBEADM;
        private Mode mode = Mode.READ_ONLY;
        private int nodes = 3;
        private int podsPerNode = 10;
        private int port;
        private long seed = 42;
        private String agentNamespace = "mooring-system";
        private String agentName = "mooring-agent";

        private Builder() {
        }

        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider);
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** Number of nodes, control plane included where the provider shows it (self-managed clusters). */
        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** Pods per node, counting the platform's own pods: the cluster holds about nodes × podsPerNode pods. */
        public Builder podsPerNode(int podsPerNode) {
            this.podsPerNode = podsPerNode;
            return this;
        }

        /** The port to serve on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The same seed gives the same names, uids and placements. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The service account the import manifest creates for the agent; it names the agent in logs and 403s. */
        public Builder agentServiceAccount(String namespace, String name) {
            this.agentNamespace = Objects.requireNonNull(namespace);
            this.agentName = Objects.requireNonNull(name);
            return this;
        }

        public SimulatedCluster start() {
            if (nodes < 1 || podsPerNode < 1) {
                throw new IllegalArgumentException("nodes and podsPerNode must be at least 1");
            }
            return new SimulatedCluster(this);
        }
    }

    // ---------------------------------------------------------------- connecting

    /** A cluster-admin client for tests and scripted changes; its requests are not the agent's. */
    public KubernetesClient client() {
        return adminClient;
    }

    /** A client with the agent's credentials, subject to the simulated mode (the same identity as the kubeconfig). */
    public KubernetesClient agentClient() {
        return agentClient;
    }

    /** The API server URL, e.g. {@code http://localhost:41234/}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The bearer token of the agent's service account. */
    public String agentToken() {
        return agentToken;
    }

    /** Writes a kubeconfig with the agent's credentials, for an agent running as its own process. */
    public Path writeKubeconfig(Path file) {
        String name = profile.clusterName();
        var kubeconfig = new io.fabric8.kubernetes.api.model.ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withClusters(new NamedClusterBuilder().withName(name).withNewCluster().withServer(masterUrl).endCluster().build())
                .withUsers(new NamedAuthInfoBuilder().withName("mooring-agent").withUser(new AuthInfoBuilder().withToken(agentToken).build()).build())
                .withContexts(new NamedContextBuilder().withName(name).withNewContext().withCluster(name).withUser("mooring-agent")
                        .withNamespace(agentNamespace).endContext().build())
                .withCurrentContext(name)
                .build();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Serialization.asYaml(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
        return file;
    }

    /** The mock server, for expectations ({@code server().expect()...}) answered before the simulation. */
    public KubernetesMockServer server() {
        return server;
    }

    // ---------------------------------------------------------------- what is simulated

    public Provider provider() {
        return provider;
    }

    public Mode mode() {
        return authorizer.mode();
    }

    /** The gitVersion {@code /version} reports, e.g. {@code v1.30.5-eks-ce1d5eb}. */
    public String gitVersion() {
        return profile.gitVersion();
    }

    public String clusterName() {
        return profile.clusterName();
    }

    /** Whether metrics.k8s.io is served (metrics-server or the platform's equivalent is installed). */
    public boolean metricsAvailable() {
        return profile.metricsServer();
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Pods seeded at start; scripted scaling changes the cluster, not this number. */
    public int podCount() {
        return podCount;
    }

    /** Objects of every kind seeded at start. */
    public int objectCount() {
        return objectCount;
    }

    /** How long generating, seeding and starting took. */
    public Duration seedTime() {
        return seedTime;
    }

    /** The namespaces of the simulated applications (payments, checkout, ...), as opposed to the platform's. */
    public List<String> applicationNamespaces() {
        return applicationNamespaces;
    }

    public List<String> nodeNames() {
        return adminClient.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
    }

    // ---------------------------------------------------------------- permissions

    /** The user applied the full-permission manifest: the agent is now bound to cluster-admin. */
    public void grantFullPermission() {
        authorizer.mode(Mode.FULL_PERMISSION);
    }

    /** Back to the read-only ClusterRole (for tests of a failed or reverted migration). */
    public void restrictToReadOnly() {
        authorizer.mode(Mode.READ_ONLY);
    }

    // ---------------------------------------------------------------- request log

    /** The last requests the server answered, the simulator's own included. */
    public List<ApiRequest> requests() {
        return requestLog.requests();
    }

    /**
     * Every POST, PUT, PATCH and DELETE sent by anyone but the simulator's own client, apart from the
     * self-subject permission reviews (which are POSTs that change nothing). Refused writes are included.
     */
    public List<ApiRequest> writeRequests() {
        return requestLog.writes().stream()
                .filter(r -> !Authorizer.ADMIN_USER.equals(r.user()))
                .filter(r -> !r.isPermissionReview())
                .toList();
    }

    public void clearRequestLog() {
        requestLog.clear();
    }

    // ---------------------------------------------------------------- scripted changes

    /** The kubelet reports the node NotReady (its CNI broke); the node controller taints it and says so. */
    public void nodeNotReady(String nodeName) {
        Node node = editNode(nodeName, n -> {
            setReady(n, "False", "KubeletNotReady",
                    "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized");
            if (n.getSpec().getTaints().stream().noneMatch(t -> NOT_READY_TAINT.equals(t.getKey()))) {
                n.getSpec().getTaints().add(new TaintBuilder().withKey(NOT_READY_TAINT).withEffect("NoSchedule").withTimeAdded(now()).build());
            }
            return n;
        });
        nodeEvent(node, "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady");
    }

    /** The node recovers. */
    public void nodeReady(String nodeName) {
        Node node = editNode(nodeName, n -> {
            setReady(n, "True", "KubeletReady", "kubelet is posting ready status");
            n.getSpec().getTaints().removeIf(t -> NOT_READY_TAINT.equals(t.getKey()));
            return n;
        });
        nodeEvent(node, "NodeReady", "Node " + nodeName + " status is now: NodeReady");
    }

    /**
     * The pod's first container starts crashing: waiting in CrashLoopBackOff with five more restarts, the pod
     * not Ready (its owner's ready count drops), and the kubelet's BackOff warning.
     */
    public void crashLoop(String namespace, String podName) {
        Pod pod = adminClient.pods().inNamespace(namespace).withName(podName).get();
        if (pod == null) {
            throw new IllegalArgumentException("no pod " + namespace + "/" + podName);
        }
        boolean wasReady = isReady(pod);
        String now = now();
        Pod crashing = adminClient.pods().inNamespace(namespace).withName(podName).edit(p -> {
            ContainerStatus first = p.getStatus().getContainerStatuses().get(0);
            int restarts = (first.getRestartCount() == null ? 0 : first.getRestartCount()) + 5;
            String container = first.getName();
            p.getStatus().getContainerStatuses().set(0, new ContainerStatusBuilder(first)
                    .withReady(false)
                    .withStarted(false)
                    .withRestartCount(restarts)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 2m40s restarting failed container=" + container + " pod=" + podName + "_" + namespace
                            + "(" + p.getMetadata().getUid() + ")")
                    .endWaiting().endState()
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                    .withStartedAt(Instant.now().minusSeconds(52).truncatedTo(ChronoUnit.SECONDS).toString())
                    .withFinishedAt(Instant.now().minusSeconds(50).truncatedTo(ChronoUnit.SECONDS).toString())
                    .withContainerID(first.getContainerID())
                    .endTerminated().endLastState()
                    .build());
            for (PodCondition condition : p.getStatus().getConditions()) {
                if ("Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType())) {
                    if (!"False".equals(condition.getStatus())) {
                        condition.setLastTransitionTime(now);
                    }
                    condition.setStatus("False");
                    condition.setReason("ContainersNotReady");
                    condition.setMessage("containers with unready status: [" + container + "]");
                }
            }
            return p;
        });
        if (wasReady) {
            adjustOwnerReadiness(crashing, -1);
        }
        ContainerStatus status = crashing.getStatus().getContainerStatuses().get(0);
        createEvent(crashing, "spec.containers{" + status.getName() + "}", "Warning", "BackOff",
                "Back-off restarting failed container " + status.getName() + " in pod " + podName + "_" + namespace
                        + "(" + crashing.getMetadata().getUid() + ")",
                "kubelet", crashing.getSpec().getNodeName(), status.getRestartCount());
    }

    /** {@code count} new Warning events on running application pods, of the kinds real clusters produce most. */
    public List<Event> warningBurst(int count) {
        List<Pod> candidates = new ArrayList<>();
        for (int tries = 0; candidates.isEmpty() && tries < applicationNamespaces.size() * 2; tries++) {
            String namespace = applicationNamespaces.get(random.nextInt(applicationNamespaces.size()));
            adminClient.pods().inNamespace(namespace).list().getItems().stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase()))
                    .forEach(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no running application pod to warn about");
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pod pod = candidates.get(random.nextInt(candidates.size()));
            String container = pod.getSpec().getContainers().get(0).getName();
            String image = pod.getSpec().getContainers().get(0).getImage();
            String node = pod.getSpec().getNodeName();
            String field = "spec.containers{" + container + "}";
            switch (i % 4) {
                case 0 -> events.add(createEvent(pod, field, "Warning", "Unhealthy",
                        "Liveness probe failed: HTTP probe failed with statuscode: 500", "kubelet", node, 1 + random.nextInt(5)));
                case 1 -> events.add(createEvent(pod, field, "Warning", "BackOff", "Back-off pulling image \"" + image + "\"",
                        "kubelet", node, 1 + random.nextInt(3)));
                case 2 -> events.add(createEvent(pod, null, "Warning", "FailedMount",
                        "MountVolume.SetUp failed for volume \"config\" : configmap \"" + pod.getMetadata().getLabels()
                                .getOrDefault("app.kubernetes.io/name", container) + "-config\" not found", "kubelet", node, 1));
                default -> events.add(createEvent(pod, null, "Warning", "FailedCreatePodSandBox",
                        "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \""
                                + ProviderProfiles.hex(random, 64) + "\": plugin type=\"calico\" failed (add): error getting ClusterInformation: "
                                + "connection is unauthorized: Unauthorized", "kubelet", node, 1));
            }
        }
        return events;
    }

    /**
     * Scales a Deployment or StatefulSet as its controllers would: pods are created Running on Ready nodes (or the
     * newest deleted), the owners' replica counts and statuses follow, and the controllers' events are written.
     * A StatefulSet keeps the volumes of removed replicas, as Kubernetes does.
     */
    public void scaleWorkload(String namespace, String name, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        Deployment deployment = adminClient.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment != null) {
            scaleDeployment(deployment, replicas);
            return;
        }
        StatefulSet statefulSet = adminClient.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (statefulSet != null) {
            scaleStatefulSet(statefulSet, replicas);
            return;
        }
        throw new IllegalArgumentException("no Deployment or StatefulSet " + namespace + "/" + name);
    }

    @Override
    public void close() {
        adminClient.close();
        agentClient.close();
        server.shutdown();
    }

    // ---------------------------------------------------------------- scaling

    private void scaleDeployment(Deployment deployment, int replicas) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        ReplicaSet replicaSet = adminClient.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> ownedBy(rs, deployment.getMetadata().getUid()))
                .max(Comparator.comparing(rs -> rs.getMetadata().getCreationTimestamp()))
                .orElseGet(() -> createReplicaSet(deployment));
        String replicaSetName = replicaSet.getMetadata().getName();
        List<Pod> pods = podsOwnedBy(namespace, replicaSet.getMetadata().getUid());
        int before = pods.size();
        if (replicas > before) {
            List<Node> nodes = schedulableNodes();
            for (int i = before; i < replicas; i++) {
                String podName = replicaSetName + "-" + ProviderProfiles.alnum(random, 5);
                Pod pod = createRunningPod(namespace, podName, replicaSet.getSpec().getTemplate(), owner(replicaSet), nodes, null);
                createEvent(replicaSet, null, "Normal", "SuccessfulCreate", "Created pod: " + podName, "replicaset-controller", null, 1);
                createEvent(pod, null, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + podName + " to "
                        + pod.getSpec().getNodeName(), "default-scheduler", null, 1);
            }
        } else {
            pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed());
            for (Pod pod : pods.subList(0, before - replicas)) {
                adminClient.resource(pod).delete();
                createEvent(replicaSet, null, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName(),
                        "replicaset-controller", null, 1);
            }
        }
        int ready = (int) podsOwnedBy(namespace, replicaSet.getMetadata().getUid()).stream().filter(SimulatedCluster::isReady).count();
        adminClient.apps().replicaSets().inNamespace(namespace).withName(replicaSetName).edit(rs -> {
            rs.getSpec().setReplicas(replicas);
            rs.getMetadata().getAnnotations().put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
            rs.getStatus().setReplicas(replicas);
            rs.getStatus().setFullyLabeledReplicas(replicas);
            rs.getStatus().setReadyReplicas(ready);
            rs.getStatus().setAvailableReplicas(ready);
            return rs;
        });
        adminClient.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            d.getStatus().setReplicas(replicas);
            d.getStatus().setUpdatedReplicas(replicas);
            d.getStatus().setReadyReplicas(ready);
            d.getStatus().setAvailableReplicas(ready);
            d.getStatus().setUnavailableReplicas(replicas - ready > 0 ? replicas - ready : null);
            return d;
        });
        if (replicas != before) {
            createEvent(deployment, null, "Normal", "ScalingReplicaSet", "Scaled " + (replicas > before ? "up" : "down") + " replica set "
                    + replicaSetName + " to " + replicas + " from " + before, "deployment-controller", null, 1);
        }
    }

    private ReplicaSet createReplicaSet(Deployment deployment) {
        String hash = ProviderProfiles.alnum(random, 10);
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        template.getMetadata().setLabels(labels);
        return adminClient.resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash).withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(deployment)).withAnnotations(new LinkedHashMap<>()).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector().withTemplate(template).endSpec()
                .withNewStatus().withReplicas(0).endStatus()
                .build()).create();
    }

    private void scaleStatefulSet(StatefulSet statefulSet, int replicas) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        List<Pod> pods = podsOwnedBy(namespace, statefulSet.getMetadata().getUid());
        int before = pods.size();
        if (replicas > before) {
            List<Node> nodes = schedulableNodes();
            for (int i = before; i < replicas; i++) {
                String podName = name + "-" + i;
                String claim = null;
                for (PersistentVolumeClaim template : statefulSet.getSpec().getVolumeClaimTemplates()) {
                    claim = template.getMetadata().getName() + "-" + podName;
                    if (adminClient.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
                        createBoundClaim(namespace, claim, template, statefulSet.getSpec().getSelector().getMatchLabels());
                        createEvent(statefulSet, null, "Normal", "SuccessfulCreate", "create Claim " + claim + " Pod " + podName
                                + " in StatefulSet " + name + " success", "statefulset-controller", null, 1);
                    }
                }
                PodTemplateSpec template = statefulSet.getSpec().getTemplate();
                Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
                labels.put("apps.kubernetes.io/pod-index", String.valueOf(i));
                labels.put("statefulset.kubernetes.io/pod-name", podName);
                Pod pod = createRunningPod(namespace, podName, template, owner(statefulSet), nodes, claim, labels);
                createEvent(statefulSet, null, "Normal", "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + name
                        + " successful", "statefulset-controller", null, 1);
                createEvent(pod, null, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + podName + " to "
                        + pod.getSpec().getNodeName(), "default-scheduler", null, 1);
            }
        } else {
            for (Pod pod : pods) {
                String podName = pod.getMetadata().getName();
                int ordinal = Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
                if (ordinal >= replicas) {
                    adminClient.resource(pod).delete();
                    createEvent(statefulSet, null, "Normal", "SuccessfulDelete", "delete Pod " + podName + " in StatefulSet " + name
                            + " successful", "statefulset-controller", null, 1);
                }
            }
        }
        int ready = (int) podsOwnedBy(namespace, statefulSet.getMetadata().getUid()).stream().filter(SimulatedCluster::isReady).count();
        adminClient.apps().statefulSets().inNamespace(namespace).withName(name).edit(s -> {
            s.getSpec().setReplicas(replicas);
            s.getStatus().setReplicas(replicas);
            s.getStatus().setCurrentReplicas(replicas);
            s.getStatus().setUpdatedReplicas(replicas);
            s.getStatus().setReadyReplicas(ready);
            s.getStatus().setAvailableReplicas(ready);
            return s;
        });
    }

    private void createBoundClaim(String namespace, String claim, PersistentVolumeClaim template, Map<String, String> labels) {
        String storageClass = template.getSpec().getStorageClassName();
        StorageClassSpec storage = profile.storageClasses().stream().filter(s -> s.name().equals(storageClass)).findFirst()
                .orElse(profile.storageClasses().get(0));
        Quantity size = template.getSpec().getResources().getRequests().get("storage");
        String volumeName = "pvc-" + UUID.randomUUID();
        adminClient.resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim).withNamespace(namespace).withLabels(labels)
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .addToAnnotations("volume.kubernetes.io/storage-provisioner", storage.provisioner()).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.name()).withVolumeMode("Filesystem")
                .withVolumeName(volumeName).withNewResources().addToRequests("storage", size).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").addToCapacity("storage", size).endStatus()
                .build()).create();
        var volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName).addToAnnotations("pv.kubernetes.io/provisioned-by", storage.provisioner()).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").addToCapacity("storage", size).withPersistentVolumeReclaimPolicy("Delete")
                .withStorageClassName(storage.name()).withVolumeMode("Filesystem")
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claim).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus();
        String handle = storage.volumeHandle().replace("{uuid}", volumeName.substring(4)).replace("{zone}", profile.zones().isEmpty() ? "" : profile.zones().get(0))
                .replace("{hex17}", ProviderProfiles.hex(random, 16)).replace("{namespace}", namespace).replace("{claim}", claim);
        if (storage.csi()) {
            volume.editSpec().withNewCsi().withDriver(storage.provisioner()).withVolumeHandle(handle).withFsType("ext4").endCsi().endSpec();
        } else {
            volume.editSpec().withNewHostPath().withPath(handle).withType("DirectoryOrCreate").endHostPath().endSpec();
        }
        adminClient.resource(volume.build()).create();
    }

    private Pod createRunningPod(String namespace, String podName, PodTemplateSpec template, OwnerReference owner, List<Node> nodes,
            String claim) {
        return createRunningPod(namespace, podName, template, owner, nodes, claim, template.getMetadata().getLabels());
    }

    private Pod createRunningPod(String namespace, String podName, PodTemplateSpec template, OwnerReference owner, List<Node> nodes,
            String claim, Map<String, String> labels) {
        Node node = nodes.get(Math.floorMod(placement.getAndIncrement(), nodes.size()));
        String hostIp = node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                .findFirst().orElse("10.0.0.10");
        String runtime = node.getStatus().getNodeInfo().getContainerRuntimeVersion();
        String runtimePrefix = runtime.substring(0, runtime.indexOf("://") + 3);
        String now = now();
        List<ContainerStatus> statuses = template.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage())
                .withImageID(c.getImage().replaceAll(":[^:/]+$", "") + "@sha256:" + ProviderProfiles.hex(new Random(c.getImage().hashCode()), 64))
                .withContainerID(runtimePrefix + ProviderProfiles.hex(random, 64))
                .withReady(true).withStarted(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                .build()).toList();
        var pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withSpec(template.getSpec())
                .editSpec()
                .withNodeName(node.getMetadata().getName())
                .withSchedulerName("default-scheduler")
                .withTolerations(
                        new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                                .withTolerationSeconds(300L).build(),
                        new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute")
                                .withTolerationSeconds(300L).build())
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition().withType("PodReadyToStartContainers").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("Initialized").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").withLastTransitionTime(now).endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).endCondition()
                .withHostIP(hostIp)
                .withPodIP("10." + (128 + random.nextInt(64)) + "." + random.nextInt(256) + "." + (2 + random.nextInt(250)))
                .withStartTime(now)
                .withContainerStatuses(statuses)
                .withQosClass("Burstable")
                .endStatus();
        if (claim != null) {
            pod.editSpec().withVolumes(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().build()).endSpec();
        }
        return adminClient.resource(pod.build()).create();
    }

    private List<Node> schedulableNodes() {
        List<Node> all = adminClient.nodes().list().getItems();
        List<Node> schedulable = all.stream()
                .filter(n -> isReady(n) && n.getSpec().getTaints().stream().noneMatch(t -> "NoSchedule".equals(t.getEffect())))
                .toList();
        if (!schedulable.isEmpty()) {
            return schedulable;
        }
        List<Node> ready = all.stream().filter(SimulatedCluster::isReady).toList();
        return ready.isEmpty() ? all : ready;
    }

    private List<Pod> podsOwnedBy(String namespace, String uid) {
        return new ArrayList<>(adminClient.pods().inNamespace(namespace).list().getItems().stream().filter(p -> ownedBy(p, uid)).toList());
    }

    // ---------------------------------------------------------------- helpers

    private Node editNode(String nodeName, UnaryOperator<Node> change) {
        if (adminClient.nodes().withName(nodeName).get() == null) {
            throw new IllegalArgumentException("no node " + nodeName);
        }
        return adminClient.nodes().withName(nodeName).edit(change);
    }

    private static void setReady(Node node, String status, String reason, String message) {
        String now = now();
        for (NodeCondition condition : node.getStatus().getConditions()) {
            condition.setLastHeartbeatTime(now);
            if ("Ready".equals(condition.getType())) {
                if (!status.equals(condition.getStatus())) {
                    condition.setLastTransitionTime(now);
                }
                condition.setStatus(status);
                condition.setReason(reason);
                condition.setMessage(message);
            }
        }
    }

    private void nodeEvent(Node node, String reason, String message) {
        Instant now = Instant.now();
        Event event = KubeObjects.newEvent("default", "Node", node.getMetadata().getName(), node.getMetadata().getUid(), null,
                "Normal", reason, message, "node-controller", null, now, now, 1, null, ProviderProfiles.hex(random, 16));
        event.getMetadata().setUid(null);
        event.getMetadata().setCreationTimestamp(null);
        adminClient.v1().events().inNamespace("default").resource(event).create();
    }

    private Event createEvent(HasMetadata object, String fieldPath, String type, String reason, String message, String component,
            String host, int count) {
        Instant now = Instant.now();
        String namespace = object.getMetadata().getNamespace();
        Event event = KubeObjects.newEvent(namespace, object.getKind(), object.getMetadata().getName(), object.getMetadata().getUid(),
                fieldPath, type, reason, message, component, host, now.minusSeconds(10L * (count - 1)), now, count, null,
                ProviderProfiles.hex(random, 16));
        event.getInvolvedObject().setApiVersion(object.getApiVersion());
        event.getMetadata().setUid(null);
        event.getMetadata().setCreationTimestamp(null);
        return adminClient.v1().events().inNamespace(namespace).resource(event).create();
    }

    /** A pod went from ready to not ready (or back): the controller that owns it counts it. */
    private void adjustOwnerReadiness(Pod pod, int delta) {
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            String namespace = pod.getMetadata().getNamespace();
            switch (owner.getKind()) {
                case "ReplicaSet" -> {
                    ReplicaSet replicaSet = adminClient.apps().replicaSets().inNamespace(namespace).withName(owner.getName()).edit(rs -> {
                        rs.getStatus().setReadyReplicas(Math.max(0, orZero(rs.getStatus().getReadyReplicas()) + delta));
                        rs.getStatus().setAvailableReplicas(Math.max(0, orZero(rs.getStatus().getAvailableReplicas()) + delta));
                        return rs;
                    });
                    for (OwnerReference deployment : replicaSet.getMetadata().getOwnerReferences()) {
                        if ("Deployment".equals(deployment.getKind())) {
                            adminClient.apps().deployments().inNamespace(namespace).withName(deployment.getName()).edit(d -> {
                                int ready = Math.max(0, orZero(d.getStatus().getReadyReplicas()) + delta);
                                d.getStatus().setReadyReplicas(ready);
                                d.getStatus().setAvailableReplicas(Math.max(0, orZero(d.getStatus().getAvailableReplicas()) + delta));
                                int unavailable = orZero(d.getStatus().getReplicas()) - ready;
                                d.getStatus().setUnavailableReplicas(unavailable > 0 ? unavailable : null);
                                return d;
                            });
                        }
                    }
                }
                case "StatefulSet" -> adminClient.apps().statefulSets().inNamespace(namespace).withName(owner.getName()).edit(s -> {
                    s.getStatus().setReadyReplicas(Math.max(0, orZero(s.getStatus().getReadyReplicas()) + delta));
                    s.getStatus().setAvailableReplicas(Math.max(0, orZero(s.getStatus().getAvailableReplicas()) + delta));
                    return s;
                });
                case "DaemonSet" -> adminClient.apps().daemonSets().inNamespace(namespace).withName(owner.getName()).edit(ds -> {
                    ds.getStatus().setNumberReady(Math.max(0, orZero(ds.getStatus().getNumberReady()) + delta));
                    ds.getStatus().setNumberAvailable(Math.max(0, orZero(ds.getStatus().getNumberAvailable()) + delta));
                    int unavailable = orZero(ds.getStatus().getDesiredNumberScheduled()) - ds.getStatus().getNumberAvailable();
                    ds.getStatus().setNumberUnavailable(unavailable > 0 ? unavailable : null);
                    return ds;
                });
                default -> {
                    // Static pods (owned by their Node), Jobs and bare pods have no ready count to keep.
                }
            }
        }
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean ownedBy(HasMetadata object, String uid) {
        return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
    }

    private static OwnerReference owner(HasMetadata owner) {
        return KubeObjects.ownerReference(new KubeObjects.Owner(owner.getApiVersion(), owner.getKind(),
                owner.getMetadata().getName(), owner.getMetadata().getUid()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The simulator's own client does not retry: a failing scripted change should fail the test at once. */
    private static KubernetesClient newClient(String masterUrl, String token, int retries) {
        Config config = new ConfigBuilder(Config.empty())
                .withRequestRetryBackoffLimit(retries)
                .withMasterUrl(masterUrl)
                .withOauthToken(token)
                .withTrustCerts(true)
                .withHttp2Disable(true)
                .withNamespace("default")
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
