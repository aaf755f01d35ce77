package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.simulator.ApiRequest;
import io.mooring.simulator.Kubectl;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import io.mooring.simulator.SimulatedKubelet;
import io.mooring.testsupport.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import as a user does it, with the real {@code kubectl}: a cluster is imported through the registry's API,
 * the very command the API answers ({@code kubectl apply -f <manifest URL>}) is run by kubectl against a simulated
 * cluster, and the agent the applied Deployment describes is started from what kubectl applied (its Secret, its
 * environment, its volumes) by a {@link SimulatedKubelet}, and registers. kubectl is {@code MOORING_KUBECTL}, else
 * {@code .ci/tools/kubectl} (Debian's kubernetes-client, unpacked by {@code .ci/run}), else the one on the PATH;
 * without one the test is skipped, except in CI (environment variable {@code CI}), where it fails.
 */
class KubectlImportEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final String DATABASES = "mooring_kubectl_e2e_" + Long.toHexString(System.nanoTime());
    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REGISTERED = Duration.ofSeconds(300);
    private static final String NAMESPACE = "mooring-system";
    private static final String AGENT = "mooring-agent";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Kubectl kubectl;
    private static LocalStack stack;
    private static String gatewayUrl;
    private static String admin;
    private static Path data;
    private static Path repo;

    @BeforeAll
    static void startStack() throws Exception {
        repo = Path.of("..").toAbsolutePath().normalize();
        var found = Kubectl.locate(repo);
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException(Kubectl.missing());
        }
        Assumptions.assumeTrue(found.isPresent(), Kubectl.missing());
        kubectl = found.get();
        System.out.println("kubectl: " + kubectl.binary() + " (" + kubectl.clientVersion() + ")");

        int gateway = FreePorts.one();
        data = Files.createTempDirectory("mooring-kubectl-e2e-");
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 600,
                List.of(), List.of(), DATABASES, false));
        stack.start();
        gatewayUrl = "http://127.0.0.1:" + gateway;
        admin = stack.adminToken();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
        if (kubectl != null) {
            PostgresServer postgres = PostgresServer.fromEnvironment();
            for (String service : List.of("registry", "health", "addon", "cost", "notification")) {
                postgres.dropDatabase(DATABASES + "_" + service);
            }
        }
    }

    @Test
    void theImportCommandRunByKubectlStartsAnAgentThatRegistersAndRunningItAgainChangesNothing() throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).tls(true).mode(Mode.READ_ONLY)
                .nodes(3).podsPerNode(6).start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(data.resolve("k3s.kubeconfig"));
            JsonNode imported = call("POST", "/api/v1/clusters", JSON.writeValueAsString(Map.of("name", "kubectl-k3s",
                    "project", "demo", "cloudType", Provider.K3S.cloudType(), "importMode", "read-only")), 201);
            String clusterId = imported.path("cluster").path("id").asText();
            String command = imported.path("importCommand").path("command").asText();
            assertThat(command).startsWith("kubectl apply -f ");

            Kubectl.Result first = kubectl.runCommandLine(command, kubeconfig, KUBECTL_TIMEOUT);
            assertThat(first.succeeded()).as(first.toString()).isTrue();
            assertThat(first.stdout()).contains("namespace/mooring-system created",
                    "serviceaccount/mooring-agent created",
                    "clusterrole.rbac.authorization.k8s.io/mooring-agent-read-only created",
                    "clusterrolebinding.rbac.authorization.k8s.io/mooring-agent-read-only created",
                    "secret/mooring-agent created", "secret/mooring-agent-identity created",
                    "role.rbac.authorization.k8s.io/mooring-agent-identity created",
                    "rolebinding.rbac.authorization.k8s.io/mooring-agent-identity created",
                    "deployment.apps/mooring-agent created");

            // The same command again, before any agent runs (the manifest is gone once its token is used).
            Kubectl.Result again = kubectl.runCommandLine(command, kubeconfig, KUBECTL_TIMEOUT);
            assertThat(again.succeeded()).as(again.toString()).isTrue();
            assertThat(again.stdout().lines().filter(l -> !l.isBlank()))
                    .hasSize((int) first.stdout().lines().filter(l -> !l.isBlank()).count())
                    .allMatch(l -> l.matches("\\S+ (unchanged|configured)"), "unchanged or configured");
            assertThat(again.stdout()).contains("deployment.apps/mooring-agent unchanged", "namespace/mooring-system unchanged");

            String image = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName(AGENT).get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            try (SimulatedKubelet kubelet = SimulatedKubelet.builder(cluster, data.resolve("kubelet"))
                    .image(image::equals, new AgentImage(repo.resolve("cluster-agent/target/quarkus-app/quarkus-run.jar"),
                            List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.status=2s",
                                    "mooring.agent.intervals.permissions=5s")))
                    .start()) {
                awaitRunning(clusterId, kubelet, 1);
                // The read-only promise holds for the agent kubectl installed: its one write is its identity Secret.
                assertThat(cluster.writeRequests()).extracting(ApiRequest::path)
                        .allMatch(p -> p.contains("/secrets/mooring-agent-identity"), "the identity Secret only");

                // A new import command (the user lost the agent, say): applied over the installation, it changes the
                // token and the pod template, so the agent is replaced and registers again.
                JsonNode reissued = call("POST", "/api/v1/clusters/" + clusterId + "/import-command", null, 200);
                Kubectl.Result reapplied = kubectl.runCommandLine(reissued.path("importCommand").path("command").asText(),
                        kubeconfig, KUBECTL_TIMEOUT);
                assertThat(reapplied.succeeded()).as(reapplied.toString()).isTrue();
                assertThat(reapplied.stdout()).contains("namespace/mooring-system unchanged",
                        "secret/mooring-agent configured", "deployment.apps/mooring-agent configured");
                awaitRunning(clusterId, kubelet, 2);
                String manifestUrl = reissued.path("importCommand").path("manifestUrl").asText();
                await().atMost(REGISTERED).untilAsserted(() -> assertThat(status(manifestUrl))
                        .as("the new manifest, once its token registered an agent").isEqualTo(410));
            }
        }
    }

    private static void awaitRunning(String clusterId, SimulatedKubelet kubelet, int pods) {
        try {
            await().atMost(REGISTERED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(kubelet.podsStarted(NAMESPACE, AGENT)).isEqualTo(pods);
                assertThat(call("GET", "/api/v1/clusters/" + clusterId, null, 200).path("status").asText()).isEqualTo("Running");
            });
        } catch (AssertionError | RuntimeException e) {
            StringBuilder why = new StringBuilder("kubelet events:\n");
            kubelet.events().forEach(line -> why.append("  ").append(line).append('\n'));
            kubelet.log(NAMESPACE, AGENT, "agent").filter(Files::exists).ifPresent(log -> {
                try {
                    List<String> lines = Files.readAllLines(log);
                    why.append("agent log (last lines):\n");
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> why.append("  ").append(l).append('\n'));
                } catch (IOException io) {
                    why.append("(agent log unreadable: ").append(io).append(")\n");
                }
            });
            throw new AssertionError(why.toString(), e);
        }
    }

    /**
     * One registry call through the gateway as an admin. The timeout is generous and a POST carries an
     * Idempotency-Key, because on a loaded build machine a cold service can take long over its first requests.
     */
    private static JsonNode call(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120));
        if (method.equals("POST")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
