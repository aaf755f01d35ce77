package io.mooring.agent.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.kubernetes.ClusterReader;
import io.mooring.agent.kubernetes.InventoryCollector;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.agent.service.Agent;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.inventory.Inventory;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.awaitility.Awaitility;
import org.jboss.logmanager.LogContext;

/**
 * Measures the inventory of a large simulated cluster (default 1,000 nodes × 30 pods): report size as JSON and
 * gzip, collection time, and the heap of a JVM that does it (run this class with -Xmx256m). The cluster runs in its
 * own process (SimulatorMain, with a large heap of its own), so only the agent's memory is measured here. Then a
 * whole agent runs against it for a few inventory cycles, reporting to a platform stub that discards what it gets.
 *
 * <p>{@code -Dbenchmark.stages=true} first lists each kind on its own and prints the heap after each;
 * {@code -Dbenchmark.histogram=true} prints the top of a live-object histogram after each collection;
 * {@code -Dbenchmark.dump=FILE} writes a heap dump after the pod listing stage.
 *
 * <pre>
 * ./mvnw -B -q -pl cluster-agent test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx256m -cp cluster-agent/target/test-classes:cluster-agent/target/classes:$(cat cluster-agent/target/test-classpath.txt) \
 *      io.mooring.agent.tools.InventoryBenchmark [nodes] [podsPerNode]
 * </pre>
 */
public final class InventoryBenchmark {

    /** The largest heap in use right after any garbage collection: what the agent really keeps. */
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

    public static void main(String[] args) throws Exception {
        // Outside Quarkus nothing configures logging, and Quarkus's start-up log handler keeps every record until the
        // application configures it: with the default level the fabric8 client's TRACE records of whole response
        // bodies pile up there (about 100 MB after one pod listing). The agent runs at INFO: so does this tool.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        watchCollections();
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int podsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path work = Files.createTempDirectory("inventory-benchmark");
        Path kubeconfig = work.resolve("kubeconfig");
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g", "-cp",
                System.getProperty("java.class.path"), "io.mooring.simulator.SimulatorMain", "--provider", "eks", "--mode", "read-only",
                "--nodes", String.valueOf(nodes), "--pods-per-node", String.valueOf(podsPerNode), "--kubeconfig", kubeconfig.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                System.out.println("simulator: " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the simulator ended before it was ready");
            }
            System.out.println("simulator ready at " + line.substring(6));
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                if (Boolean.getBoolean("benchmark.stages")) {
                    stages(client);
                }
                collect(client);
                agent(client, work);
            }
        } finally {
            simulator.destroy();
        }
        System.exit(0);
    }

    private static void collect(KubernetesClient client) throws IOException {
        ObjectMapper json = PlatformJson.mapper();
        InventoryCollector collector = new InventoryCollector(new ClusterReader(client, 500), 500);
        System.out.printf("heap before: %s%n", heap());
        for (int run = 1; run <= 3; run++) {
            resetPeaks();
            InventoryCollector.Collection collection = collector.collect();
            long peak = MAX_AFTER_GC.get();
            Inventory inventory = collection.inventory();
            byte[] bytes = json.writeValueAsBytes(inventory);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(bytes);
            }
            System.out.printf("collection %d: %,d nodes, %,d pods, %,d allocations, %,d workloads, %,d problem pods, %,d volumes, usage=%s%n"
                            + "  took %,d ms; JSON %,d bytes (%.2f MB), gzip %,d bytes (%.2f MB); largest heap after a GC during collection %s; %s%n",
                    run, inventory.nodes().size(), inventory.pods().total(), inventory.allocations().size(), inventory.workloads().size(),
                    inventory.problemPods().size(), inventory.volumes().size(), inventory.metricsAvailable(), collection.took().toMillis(),
                    bytes.length, bytes.length / 1e6, zipped.size(), zipped.size() / 1e6, mb(peak), heap());
            System.out.printf("  JSON by part: nodes %,d, namespaces %,d, workloads %,d, allocations %,d, problem pods %,d, volumes %,d%n",
                    json.writeValueAsBytes(inventory.nodes()).length, json.writeValueAsBytes(inventory.namespaces()).length,
                    json.writeValueAsBytes(inventory.workloads()).length, json.writeValueAsBytes(inventory.allocationTable()).length,
                    json.writeValueAsBytes(inventory.problemPods()).length, json.writeValueAsBytes(inventory.volumes()).length);
            if (Boolean.getBoolean("benchmark.histogram")) {
                histogram();
            }
        }
    }

    /** Heap after GC after each kind of list, to see which one leaves something behind. */
    private static void stages(KubernetesClient client) {
        ClusterReader reader = new ClusterReader(client, 500);
        AtomicLong count = new AtomicLong();
        Map<String, Runnable> steps = new LinkedHashMap<>();
        steps.put("nodes", () -> reader.forEach(o -> client.nodes().list(o), n -> count.incrementAndGet()));
        steps.put("namespaces", () -> reader.forEach(o -> client.namespaces().list(o), n -> count.incrementAndGet()));
        steps.put("deployments", () -> reader.forEach(o -> client.apps().deployments().inAnyNamespace().list(o), n -> count.incrementAndGet()));
        steps.put("replicasets", () -> reader.forEach(o -> client.apps().replicaSets().inAnyNamespace().list(o), n -> count.incrementAndGet()));
        steps.put("metrics", () -> client.namespaces().list().getItems().forEach(ns -> count.addAndGet(
                client.top().pods().metrics(ns.getMetadata().getName()).getItems().size())));
        steps.put("pods", () -> reader.forEach(o -> client.pods().inAnyNamespace().list(o), n -> count.incrementAndGet()));
        steps.put("pods again", () -> reader.forEach(o -> client.pods().inAnyNamespace().list(o), n -> count.incrementAndGet()));
        for (var step : steps.entrySet()) {
            long started = System.nanoTime();
            count.set(0);
            step.getValue().run();
            System.out.printf("stage %-12s %,7d items in %,6d ms; %s%n", step.getKey(), count.get(), (System.nanoTime() - started) / 1_000_000,
                    heap());
            String dump = System.getProperty("benchmark.dump");
            if (dump != null && step.getKey().equals("pods")) {
                try {
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump, true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A whole agent against the cluster, reporting to a stub platform, for a few inventory cycles. */
    private static void agent(KubernetesClient client, Path work) throws Exception {
        AtomicLong inventories = new AtomicLong();
        AtomicLong inventoryBytes = new AtomicLong();
        AtomicLong events = new AtomicLong();
        HttpServer platform = stubPlatform(inventories, inventoryBytes, events);
        AgentSettings settings = AgentSettings.builder()
                .platformUrl(URI.create("http://127.0.0.1:" + platform.getAddress().getPort()))
                .importToken("benchmark")
                .stateDir(work.resolve("state"))
                .inventoryMinInterval(Duration.ofSeconds(1))
                .inventoryMaxInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
        resetPeaks();
        Instant started = Instant.now();
        try (Agent agent = new Agent(settings, client, Clock.systemUTC(), null)) {
            agent.start();
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> inventories.get() >= 4);
            System.out.printf("agent: %d inventories sent (%,d bytes on the wire each, gzip), %,d events relayed, in %d s;"
                    + " largest heap after a GC %s; %s%n", inventories.get(), inventoryBytes.get() / Math.max(1, inventories.get()), events.get(),
                    Duration.between(started, Instant.now()).toSeconds(), mb(MAX_AFTER_GC.get()), heap());
        } finally {
            platform.stop(0);
        }
    }

    private static HttpServer stubPlatform(AtomicLong inventories, AtomicLong inventoryBytes, AtomicLong events) throws IOException {
        ObjectMapper json = PlatformJson.mapper();
        UUID cluster = UUID.randomUUID();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                Object answer;
                if (path.endsWith("/register") || path.endsWith("/token")) {
                    answer = new AgentCredential(cluster, "token", Instant.now().plus(Duration.ofHours(1)), "secret");
                } else if (path.endsWith("/status")) {
                    answer = new AgentStatusReply(cluster, "Running", "read-only", null, false, List.of());
                } else if (path.endsWith("/inventory")) {
                    inventories.incrementAndGet();
                    inventoryBytes.addAndGet(body.length);
                    answer = Map.of("accepted", true);
                } else if (path.endsWith("/events")) {
                    events.addAndGet(json.readTree(maybeGunzip(exchange.getRequestHeaders().getFirst("Content-Encoding"), body))
                            .path("events").size());
                    answer = Map.of("accepted", true);
                } else if (path.endsWith("/addons")) {
                    answer = Map.of("clusterId", cluster, "revision", 0, "profiles", List.of(), "removed", List.of());
                } else {
                    answer = Map.of();
                }
                byte[] bytes = json.writeValueAsBytes(answer);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        return server;
    }

    private static byte[] maybeGunzip(String encoding, byte[] body) throws IOException {
        if (!"gzip".equalsIgnoreCase(encoding)) {
            return body;
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static String heap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return "heap after GC " + mb(runtime.totalMemory() - runtime.freeMemory()) + " of max " + mb(runtime.maxMemory());
    }


    /** The top of a class histogram of live objects, to see what the heap holds. */
    private static void histogram() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            String[] lines = String.valueOf(text).split("\n");
            for (int i = 0; i < Math.min(22, lines.length); i++) {
                System.out.println("  " + lines[i]);
            }
        } catch (Exception e) {
            System.out.println("no histogram: " + e);
        }
    }

    private static void watchCollections() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (var usage : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (!usage.getKey().contains("Metaspace") && !usage.getKey().contains("Code") && !usage.getKey().contains("Compressed")) {
                        after += usage.getValue().getUsed();
                    }
                }
                long used = after;
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static void resetPeaks() {
        System.gc();
        MAX_AFTER_GC.set(0);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }


    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
