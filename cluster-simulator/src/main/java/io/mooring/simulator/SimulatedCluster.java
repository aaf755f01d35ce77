package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.Event;
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
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;

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

    private final Provider provider;
    private final ProviderProfile profile;
    private final KubernetesMockServer server;
    private final Authorizer authorizer;
    private final RequestLog requestLog;
    private final KubernetesClient adminClient;
    private final KubernetesClient agentClient;
    private final String agentToken;
    private final String adminToken;
    private final String masterUrl;
    private final String agentNamespace;
    private final String agentName;
    private final int nodeCount;
    private final int podCount;
    private final int objectCount;
    private final Duration seedTime;
    private final List<String> applicationNamespaces;
    private final ScriptedChanges changes;

    private SimulatedCluster(Builder builder) {
        this.provider = builder.provider;
        this.profile = ProviderProfiles.of(provider);
        this.agentNamespace = builder.agentNamespace;
        this.agentName = builder.agentName;
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
        this.adminToken = "simulator-admin-" + UUID.randomUUID();
        this.agentToken = "simulated-agent-" + UUID.randomUUID();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        SimulatorDispatcher dispatcher = new SimulatorDispatcher(crud, store, expectations, discovery, authorizer, requestLog, adminToken,
                this::grantFullPermission);
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations, dispatcher,
                builder.tls) {
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
        this.changes = new ScriptedChanges(adminClient, profile, applicationNamespaces, new Random(builder.seed ^ 0x5eed));
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
        private boolean tls;
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

        /**
         * Serves HTTPS (a self-signed certificate, which the kubeconfigs skip verifying) instead of plain HTTP, as
         * {@code kubectl} needs: it sends no bearer token over plain HTTP.
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
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

    /** The token of a service account, if the simulation knows it as an identity: only the agent's has one. */
    String tokenOf(String namespace, String serviceAccount) {
        return agentNamespace.equals(namespace) && agentName.equals(serviceAccount) ? agentToken : null;
    }

    /** Writes a kubeconfig with the agent's credentials, for an agent running as its own process. */
    public Path writeKubeconfig(Path file) {
        return Kubeconfig.write(file, profile.clusterName(), masterUrl, agentToken, agentNamespace, "mooring-agent");
    }

    /**
     * Writes a kubeconfig with the cluster-admin credentials of the simulator's own client, as a user who imports a
     * cluster has them: for {@code kubectl apply} of an import manifest. Its requests are not the agent's. kubectl
     * sends no token over plain HTTP: start the cluster with {@link Builder#tls(boolean)} for it.
     */
    public Path writeAdminKubeconfig(Path file) {
        return Kubeconfig.write(file, profile.clusterName(), masterUrl, adminToken, "default", "cluster-admin");
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
        changes.nodeNotReady(nodeName);
    }

    /** The node recovers. */
    public void nodeReady(String nodeName) {
        changes.nodeReady(nodeName);
    }

    /**
     * The pod's first container starts crashing: waiting in CrashLoopBackOff with five more restarts, the pod
     * not Ready (its owner's ready count drops), and the kubelet's BackOff warning.
     */
    public void crashLoop(String namespace, String podName) {
        changes.crashLoop(namespace, podName);
    }

    /** {@code count} new Warning events on running application pods, of the kinds real clusters produce most. */
    public List<Event> warningBurst(int count) {
        return changes.warningBurst(count);
    }

    /**
     * Scales a Deployment or StatefulSet as its controllers would: pods are created Running on Ready nodes (or the
     * newest deleted), the owners' replica counts and statuses follow, and the controllers' events are written.
     * A StatefulSet keeps the volumes of removed replicas, as Kubernetes does.
     */
    public void scaleWorkload(String namespace, String name, int replicas) {
        changes.scaleWorkload(namespace, name, replicas);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void close() {
        adminClient.close();
        agentClient.close();
        server.shutdown();
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
