package io.mooring.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imported clusters for the local stack, done the way a user does it: each is a simulated API server, imported
 * through the registry's API, its import manifest applied to it as {@code kubectl apply} would, and a real
 * agent process started with the token from that manifest.
 */
final class SimulatedClusters implements AutoCloseable {

    static final String PROJECT = "demo";

    /** One cluster to simulate, e.g. {@code eks:read-only}. */
    record Spec(Provider provider, String importMode) {
        static List<Spec> parseAll(String value) {
            List<Spec> specs = new ArrayList<>();
            if (value == null || value.isBlank() || value.equals("none")) {
                return specs;
            }
            for (String item : value.split(",")) {
                String[] parts = item.trim().split(":");
                String mode = parts.length > 1 ? parts[1] : "read-only";
                if (!mode.equals("read-only") && !mode.equals("full-permission")) {
                    throw new IllegalArgumentException("Mode must be read-only or full-permission in '" + item + "'");
                }
                specs.add(new Spec(Provider.fromName(parts[0]), mode));
            }
            return specs;
        }

        String clusterName() {
            return "sim-" + provider.cliName();
        }
    }

    /** A started simulated cluster and what the registry calls it. */
    record Imported(Spec spec, SimulatedCluster cluster, String clusterId) {
    }

    private final Map<String, Imported> imported = new LinkedHashMap<>();
    /** Clusters imported by someone else (through the console), whose manifests were applied here. */
    private final List<SimulatedCluster> others = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Starts the API server, imports it through the registry and returns the agent's environment. */
    Map<String, String> importCluster(Spec spec, PlatformClient platform, Path agentDir) throws Exception {
        SimulatedCluster cluster = SimulatedCluster.builder().provider(spec.provider()).mode(Mode.READ_ONLY)
                .nodes(4).podsPerNode(8).start();
        removeEarlierImport(spec, platform);
        JsonNode created = platform.post("/api/v1/clusters", Map.of(
                "name", spec.clusterName(),
                "project", PROJECT,
                "cloudType", spec.provider().cloudType(),
                "importMode", spec.importMode(),
                "description", "Simulated " + spec.provider().cliName() + " cluster started by the local stack",
                "labels", Map.of("simulated", "true")), 201);
        String clusterId = created.path("cluster").path("id").asText();
        String manifest = platform.fetch(created.path("importCommand").path("manifestUrl").asText());
        String token = apply(cluster.client(), manifest);
        imported.put(spec.clusterName(), new Imported(spec, cluster, clusterId));

        Files.createDirectories(agentDir);
        Path kubeconfig = cluster.writeKubeconfig(agentDir.resolve("kubeconfig"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MOORING_IMPORT_TOKEN", token);
        env.put("KUBECONFIG", kubeconfig.toString());
        return env;
    }

    /**
     * Applies an import manifest obtained elsewhere (the console's wizard hands out its URL) to a new simulated API
     * server of {@code provider}: the cluster, and its agent's environment as {@link #importCluster} returns it.
     */
    Applied applyManifest(Provider provider, String manifest, Path agentDir) throws Exception {
        SimulatedCluster cluster = SimulatedCluster.builder().provider(provider).mode(Mode.READ_ONLY)
                .nodes(4).podsPerNode(8).start();
        others.add(cluster);
        String token = apply(cluster.client(), manifest);
        Files.createDirectories(agentDir);
        Path kubeconfig = cluster.writeKubeconfig(agentDir.resolve("kubeconfig"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MOORING_IMPORT_TOKEN", token);
        env.put("KUBECONFIG", kubeconfig.toString());
        return new Applied(cluster, env);
    }

    /** A simulated cluster with someone else's import manifest applied, and its agent's environment. */
    record Applied(SimulatedCluster cluster, Map<String, String> env) {
    }

    Optional<Imported> byName(String name) {
        return Optional.ofNullable(imported.get(name));
    }

    List<Imported> all() {
        return List.copyOf(imported.values());
    }

    /** Waits (bounded) until the registry shows every imported cluster Running. */
    void awaitRunning(PlatformClient platform, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Imported> waiting = new ArrayList<>(imported.values());
        Map<String, String> lastStatus = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            List<Imported> running = new ArrayList<>();
            for (Imported cluster : waiting) {
                JsonNode view = platform.get("/api/v1/clusters/" + cluster.clusterId());
                lastStatus.put(cluster.spec().clusterName() + " (" + cluster.clusterId() + ")",
                        view.path("status").asText());
                if ("Running".equals(view.path("status").asText())) {
                    LocalStack.log("%s is Running (%s detected as %s/%s)", cluster.spec().clusterName(),
                            view.path("cloudType").asText(), view.path("detectedProvider").asText(),
                            view.path("detectedPlatform").asText());
                    running.add(cluster);
                }
            }
            waiting.removeAll(running);
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("Not Running after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(i -> i.spec().clusterName()).toList() + "; last seen: " + lastStatus);
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    /**
     * A second run of the stack finds the clusters of the first: they go, so the import starts afresh. Every page
     * is read: a project may hold far more clusters than one page (a run once stopped with 409 at 100+).
     */
    private static void removeEarlierImport(Spec spec, PlatformClient platform) throws Exception {
        String cursor = null;
        do {
            JsonNode page = platform.get("/api/v1/clusters?project=" + PROJECT + "&labelSelector=simulated%3Dtrue"
                    + "&limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode item : page.path("items")) {
                if (spec.clusterName().equals(item.path("name").asText())) {
                    platform.delete("/api/v1/clusters/" + item.path("id").asText() + "?force=true");
                    return;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
    }

    /** Applies the manifest to the cluster and returns the import token its Secret carries. */
    private static String apply(KubernetesClient client, String manifest) {
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)))
                .items();
        String token = null;
        for (HasMetadata object : objects) {
            client.resource(object).fieldManager("kubectl").forceConflicts().serverSideApply();
            // The manifest has two Secrets: the agent's (with the token) and its empty identity Secret.
            if (object instanceof Secret secret && tokenOf(secret) != null) {
                token = tokenOf(secret);
            }
        }
        if (token == null) {
            throw new IllegalStateException("The import manifest holds no Secret with MOORING_IMPORT_TOKEN");
        }
        return token;
    }

    private static String tokenOf(Secret secret) {
        if (secret.getStringData() != null && secret.getStringData().containsKey("MOORING_IMPORT_TOKEN")) {
            return secret.getStringData().get("MOORING_IMPORT_TOKEN");
        }
        if (secret.getData() != null && secret.getData().containsKey("MOORING_IMPORT_TOKEN")) {
            return new String(Base64.getDecoder().decode(secret.getData().get("MOORING_IMPORT_TOKEN")),
                    StandardCharsets.UTF_8);
        }
        return null;
    }

    @Override
    public void close() {
        imported.values().forEach(i -> i.cluster().close());
        imported.clear();
        others.forEach(SimulatedCluster::close);
        others.clear();
    }
}
