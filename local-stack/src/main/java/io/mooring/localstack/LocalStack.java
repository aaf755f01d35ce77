package io.mooring.localstack;

import io.mooring.testsupport.KeyMaterial;
import io.mooring.testsupport.OidcIssuer;
import io.mooring.testsupport.PostgresServer;
import io.mooring.testsupport.Tokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the whole suite on one machine: a Kafka broker (its own process, from Kafka's jars), a database
 * per service on the local PostgreSQL, the five services as separate processes, and the gateway on one
 * port. Ctrl-C stops everything it started; a second run picks up the same databases and broker data.
 */
public final class LocalStack {

    /** A service of the suite: its module, the gateway upstream that routes to it, its port and database. */
    record Service(String module, String upstream, int port, String database, int instance) {

        Service(String module, String upstream, int port, String database) {
            this(module, upstream, port, database, 0);
        }

        /** The process of this instance: the module's name, then {@code -2}, {@code -3}... for further replicas. */
        String processName() {
            return instance == 0 ? module : module + "-" + (instance + 1);
        }

        /**
         * The instances of each service with {@code replicas} per service: instance k listens {@code SERVICES * k}
         * ports above the first (the services take consecutive ports), and all share the service's database.
         */
        static List<Service> replicated(List<Service> services, int replicas) {
            List<Service> instances = new ArrayList<>();
            for (int k = 0; k < replicas; k++) {
                for (Service s : services) {
                    instances.add(new Service(s.module(), s.upstream(), s.port() + SERVICES * k, s.database(), k));
                }
            }
            return instances;
        }
    }

    /** The simulated API servers run in this JVM; their per-request log lines would drown the stack's own. */
    private static final Logger MOCK_SERVER_LOG =
            Logger.getLogger("io.fabric8.mockwebserver");

    /** How many services the stack runs, each on its own port per replica. */
    static final int SERVICES = 5;

    private final StackOptions options;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final SimulatedClusters simulated = new SimulatedClusters();
    private final Map<String, Integer> databasePorts = new LinkedHashMap<>();
    private final List<String> serviceProperties = new ArrayList<>();
    private final List<Service> instances = new ArrayList<>();
    private final List<String> databases = new CopyOnWriteArrayList<>();
    private Gateway gateway;
    private OidcIssuer builtInIssuer;
    private UserTokens tokens;
    private Tokens signer;
    private KeycloakServer keycloak;

    LocalStack(StackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        StackOptions options = StackOptions.parse(args);
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
        }
        stack.printIdentityProvider();
        new StackConsole(stack.simulated, stack.tokens).run(System.in);
        Thread.currentThread().join();
    }

    void start() throws Exception {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        long started = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        Path logs = dataDir.resolve("logs");
        LeftoverProcesses.stopThoseRecordedIn(dataDir.resolve("pids"));

        List<Service> services = List.of(
                new Service("registry-service", "registry", options.basePort() + 1, options.databasePrefix() + "_registry"),
                new Service("health-service", "health", options.basePort() + 2, options.databasePrefix() + "_health"),
                new Service("addon-service", "addon", options.basePort() + 3, options.databasePrefix() + "_addon"),
                new Service("cost-service", "cost", options.basePort() + 4, options.databasePrefix() + "_cost"),
                new Service("notification-service", "notification", options.basePort() + 5,
                        options.databasePrefix() + "_notification"));
        for (Service service : services) {
            Path jar = options.repoRoot().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first with ./mvnw install -DskipTests");
            }
        }

        PostgresServer postgres = PostgresServer.fromEnvironment();
        if (options.reset()) {
            log("Resetting: dropping the databases and the broker's data of earlier runs");
            services.forEach(s -> postgres.dropDatabase(s.database()));
            deleteRecursively(dataDir.resolve("kafka"));
        }
        services.forEach(s -> {
            postgres.ensureDatabase(s.database());
            databases.add(s.database());
        });
        KeyMaterial keys = KeyMaterial.generate(dataDir.resolve("keys"));

        log("Starting Kafka on 127.0.0.1:%d", options.kafkaPort());
        ChildProcess kafka = ChildProcess.start("kafka", List.of(java(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "io.mooring.testsupport.KafkaBroker",
                String.valueOf(options.kafkaPort()), String.valueOf(options.kafkaPort() + 1),
                dataDir.resolve("kafka").toString()), logs, "READY");
        track(kafka, dataDir);
        String bootstrap = kafka.awaitReadyLine(Duration.ofSeconds(90)).substring("READY ".length()).trim();
        // After Kafka is up: Keycloak's start takes both cores for minutes, and Kafka's wait is bounded.
        String userIssuer = startIdentityProvider(keys, dataDir, logs);
        String agentKeySet = "http://127.0.0.1:" + services.get(0).port() + "/api/v1/agent/jwks.json";
        awaitIdentityProvider();

        String gatewayUrl = "http://localhost:" + options.gatewayPort();
        instances.addAll(Service.replicated(services, options.replicas()));
        for (Service service : instances) {
            PostgresServer database = databasePorts.containsKey(service.upstream())
                    ? new PostgresServer(postgres.host(), databasePorts.get(service.upstream()), postgres.user(),
                            postgres.password())
                    : postgres;
            Path app = options.repoRoot().resolve(service.module()).resolve("target/quarkus-app");
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(jvmOptions(app, "384m"));
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + service.port(),
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dkafka.bootstrap.servers=" + bootstrap,
                    "-Dquarkus.datasource.reactive.url=" + database.reactiveUrl(service.database()),
                    "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(service.database()),
                    "-Dquarkus.datasource.username=" + postgres.user(),
                    "-Dquarkus.datasource.password=" + postgres.password(),
                    // Many instances share one PostgreSQL here, whose default limit is 100 clients: the tests run a
                    // shared stack (5 instances) beside one with replicas (10). Pools of 8 that give idle
                    // connections back keep that under the limit in practice; not smaller, since each singleton
                    // job holds a connection for its lock while its work takes another (notification-service has
                    // five). A development stack never needs more (bin/load-health starts its own service).
                    "-Dquarkus.datasource.reactive.max-size=8",
                    "-Dquarkus.datasource.reactive.idle-timeout=30s",
                    "-Dmooring.security.user-issuer=" + userIssuer,
                    "-Dmooring.security.agent-jwks-url=" + agentKeySet,
                    "-Dmooring.agent-tokens.signing-key-location=" + keys.agentPrivateKeyFile(),
                    "-Dmooring.registry.public-url=" + gatewayUrl));
            serviceProperties.forEach(p -> command.add("-D" + p));
            command.addAll(benchmarkOptions(service, System.getenv()));
            command.add("-jar");
            command.add(options.repoRoot().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar")
                    .toString());
            log("Starting %s on 127.0.0.1:%d", service.processName(), service.port());
            track(ChildProcess.start(service.processName(), command, jvmEnvironment(), logs, null), dataDir);
        }

        Map<String, List<Integer>> upstreams = new LinkedHashMap<>();
        instances.forEach(s -> upstreams.computeIfAbsent(s.upstream(), u -> new ArrayList<>()).add(s.port()));
        gateway = Gateway.startBalancing(options.gatewayPort(), GatewayRoutes.bundled(), upstreams,
                Map.of("/config.json", consoleConfig(userIssuer).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        awaitReady(instances, Duration.ofSeconds(options.readyTimeoutSeconds()));
        double servicesReady = (System.nanoTime() - started) / 1e9;
        log("All five services (%d instance(s) each) are ready after %.1f s", options.replicas(), servicesReady);
        signer = new Tokens(keys, userIssuer);
        tokens = keycloak == null ? UserTokens.builtIn(signer) : UserTokens.keycloak(keycloak);
        String adminToken = tokens.admin();
        Files.writeString(dataDir.resolve("admin.token"), adminToken);
        startSimulatedClusters(new PlatformClient("http://127.0.0.1:" + options.gatewayPort(), adminToken),
                gatewayUrl, dataDir, logs);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("""

                Mooring is running (ready in %.1f s).
                  Gateway:   %s
                  Console:   %s/ (in a browser)
                  OpenAPI:   %s/registry/q/openapi  %s/health/q/openapi  %s/addon/q/openapi  %s/cost/q/openapi
                             %s/notification/q/openapi
                  Health:    %s/<registry|health|addon|cost|notification>/q/health/ready
                  Logs:      %s
                  Identity provider (OpenID Connect issuer): %s
                  Admin token (also in %s):
                %s

                Simulated clusters (project "%s"): %s
                  Type 'help' for commands that change them (a node going NotReady, a crash loop, ...),
                  and 'token viewer demo' (or operator, admin; any projects) for a token of another role.

                Press Ctrl-C to stop everything.
                %n""", seconds, gatewayUrl, gatewayUrl, gatewayUrl, gatewayUrl, gatewayUrl, gatewayUrl, gatewayUrl,
                gatewayUrl, logs, userIssuer,
                dataDir.resolve("admin.token"), adminToken, SimulatedClusters.PROJECT,
                simulated.all().isEmpty() ? "none"
                        : simulated.all().stream().map(i -> i.spec().clusterName() + " (" + i.spec().importMode() + ")")
                                .toList());
    }

    /**
     * Starts the identity provider the options name: the built-in issuer, or (with
     * {@code --identity-provider=keycloak}) Keycloak, its files in the data directory. Returns the issuer URL.
     */
    private String startIdentityProvider(KeyMaterial keys, Path dataDir, Path logs) throws Exception {
        if (options.identityProvider() != StackOptions.IdentityProvider.KEYCLOAK) {
            return startBuiltInIssuer(keys);
        }
        Path home = dataDir.resolve("keycloak");
        if (options.reset()) {
            deleteRecursively(home);
        }
        int httpPort = freePort();
        log("Starting Keycloak %s on 127.0.0.1:%d (Java: %s)", KeycloakServer.version(), httpPort,
                KeycloakServer.javaHome());
        keycloak = KeycloakServer.start(options.repoRoot(), home, httpPort, freePort(), logs);
        track(keycloak.process(), dataDir);
        return keycloak.issuer();
    }

    private void awaitIdentityProvider() throws InterruptedException {
        if (keycloak != null) {
            long started = System.nanoTime();
            // Keycloak's first start creates its database and imports the realm: minutes on two busy cores.
            keycloak.awaitReady(Duration.ofSeconds(Math.max(300, options.readyTimeoutSeconds())));
            log("Keycloak is ready (issuer %s), waited %.1f s more", keycloak.issuer(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private void printIdentityProvider() {
        if (keycloak != null) {
            System.out.printf("""
                    Keycloak: %s (admin console: %s/admin, %s / %s)
                      Realm %s, users viewer-a, operator-a, viewer-b, operator-b, viewer-demo, operator-demo, admin
                      (password '%s'); 'token operator a' signs in as operator-a.
                    %n""", keycloak.url(), keycloak.url(), KeycloakServer.CONSOLE_ADMIN,
                    KeycloakServer.CONSOLE_PASSWORD, KeycloakServer.REALM, KeycloakServer.PASSWORD);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The stack's own identity provider: an OpenID Connect issuer on the first port after the services'
     * instances (base port + 4 x replicas + 1) that publishes the user key
     * of {@code keys}, so the services find it by discovery exactly as they find a real provider's. Tokens of any
     * role come from {@link Tokens} (the console's {@code token} command). Returns the issuer URL.
     */
    /**
     * Where the web console signs in: the stack's identity provider, as the public client {@code mooring} (the
     * Keycloak realm's, with PKCE). Roles and projects are read where the services read them by default.
     */
    private static String consoleConfig(String issuer) {
        return """
                {"issuer":"%s","clientId":"mooring","scope":"openid","rolesClaim":"groups","projectsClaim":"projects"}
                """.formatted(issuer);
    }

    private String startBuiltInIssuer(KeyMaterial keys) {
        builtInIssuer = OidcIssuer.start(options.basePort() + SERVICES * options.replicas() + 1).publish(KeyMaterial.USER_KEY_ID, keys.userPublicKey());
        // The console's development sign-in: whoever reaches the issuer picks a role, which is what the stack's
        // 'token' command already hands out; codes go back to the gateway's origin only.
        UserTokens signInTokens = UserTokens.builtIn(new Tokens(keys, builtInIssuer.issuer()));
        builtInIssuer.enableDevelopmentSignIn(List.of("http://localhost:" + options.gatewayPort() + "/",
                "http://127.0.0.1:" + options.gatewayPort() + "/"), signInTokens::user);
        log("Identity provider (built-in OpenID Connect issuer) at %s", builtInIssuer.issuer());
        return builtInIssuer.issuer();
    }

    /**
     * What a user does with the command the console hands out: applies the manifest at {@code manifestUrl} to a new
     * simulated cluster of {@code provider} and starts that cluster's agent. Returns the cluster, to change it.
     */
    io.mooring.simulator.SimulatedCluster importByManifest(String name, io.mooring.simulator.Provider provider,
            String manifestUrl) throws Exception {
        Path dataDir = options.dataDir().toAbsolutePath();
        Path agentDir = dataDir.resolve("agents").resolve(name);
        deleteRecursively(agentDir);
        String gatewayUrl = "http://localhost:" + options.gatewayPort();
        String manifest = new PlatformClient("http://127.0.0.1:" + options.gatewayPort(), tokens.admin()).fetch(manifestUrl);
        SimulatedClusters.Applied applied = simulated.applyManifest(provider, manifest, agentDir);
        startAgent(name, new LinkedHashMap<>(applied.env()), agentDir, gatewayUrl, dataDir, dataDir.resolve("logs"));
        return applied.cluster();
    }

    private void startAgent(String name, Map<String, String> env, Path agentDir, String gatewayUrl, Path dataDir,
            Path logs) throws Exception {
        Path agentJar = options.repoRoot().resolve("cluster-agent/target/quarkus-app/quarkus-run.jar");
        env.putAll(jvmEnvironment());
        env.put("MOORING_PLATFORM_URL", gatewayUrl);
        env.put("MOORING_AGENT_STATE_DIR", agentDir.resolve("state").toString());
        env.put("MOORING_AGENT_KUBECONFIG", env.get("KUBECONFIG"));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions(agentJar.getParent(), "256m"));
        command.add("-Dquarkus.http.port=0");
        options.agentProperties().forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(agentJar.toString());
        track(ChildProcess.start("agent-" + name, command, env, logs, null), dataDir);
    }

    private void startSimulatedClusters(PlatformClient platform, String gatewayUrl, Path dataDir, Path logs)
            throws Exception {
        if (options.clusters().isEmpty()) {
            return;
        }
        for (SimulatedClusters.Spec spec : options.clusters()) {
            Path agentDir = dataDir.resolve("agents").resolve(spec.clusterName());
            deleteRecursively(agentDir);
            Map<String, String> env = new LinkedHashMap<>(simulated.importCluster(spec, platform, agentDir));
            log("Imported %s (%s); starting its agent", spec.clusterName(), spec.importMode());
            startAgent(spec.clusterName(), env, agentDir, gatewayUrl, dataDir, logs);
        }
        simulated.awaitRunning(platform, Duration.ofSeconds(options.readyTimeoutSeconds()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void awaitReady(List<Service> services, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Service> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ChildProcess child : children) {
                if (!child.isAlive()) {
                    throw new IllegalStateException(child.name() + " stopped; see " + child.log());
                }
            }
            waiting.removeIf(service -> isReady(http, service));
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(Service::processName).toList() + "; see the logs in "
                        + options.dataDir().resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    /** Each instance is asked itself: through the gateway, one ready replica would answer for all of them. */
    private boolean isReady(HttpClient http, Service service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + service.port() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                log("%s is ready", service.processName());
                return true;
            }
        } catch (IOException e) {
            // Not listening yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    SimulatedClusters simulated() {
        return simulated;
    }

    /** The ports of the instances behind a gateway upstream ({@code registry}, {@code health}...), first to last. */
    List<Integer> instancePorts(String upstream) {
        return instances.stream().filter(s -> s.upstream().equals(upstream)).map(Service::port).toList();
    }

    /**
     * The stack's token maker (agent tokens, and user tokens of the built-in issuer, signed with its keys); valid
     * once {@link #start()} returned.
     */
    Tokens tokens() {
        return signer;
    }

    /**
     * Before {@link #start()}: the service behind this gateway upstream reaches PostgreSQL on this local port
     * instead (a proxy a fault test can cut), with the same host and credentials.
     */
    void routeDatabase(String upstream, int port) {
        databasePorts.put(upstream, port);
    }

    /**
     * Before {@link #start()}: a {@code key=value} system property for each of the services (an OTLP endpoint
     * for traces, say).
     */
    void serviceProperty(String property) {
        serviceProperties.add(property);
    }

    /** A process the stack started, by name ({@code kafka}, {@code cost-service}, {@code agent-sim-eks}, ...). */
    ChildProcess child(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No process named " + name));
    }

    /** A user token from the stack's identity provider (Keycloak's ready-made user, with Keycloak). */
    String userToken(String role, String... projects) {
        return tokens.user(role, List.of(projects));
    }

    /** The Keycloak the stack started, with {@code --identity-provider=keycloak}. */
    KeycloakServer keycloak() {
        return keycloak;
    }

    /** The admin token the stack printed; valid once {@link #start()} returned. */
    String adminToken() throws IOException {
        return Files.readString(options.dataDir().toAbsolutePath().resolve("admin.token"));
    }

    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        List<ChildProcess> stopping = new ArrayList<>(children);
        Collections.reverse(stopping);
        // Services first, Kafka last, so nothing loses its broker while still publishing.
        stopping.parallelStream().filter(c -> !c.name().equals("kafka")).forEach(c -> c.stop(Duration.ofSeconds(15)));
        stopping.stream().filter(c -> c.name().equals("kafka")).forEach(c -> c.stop(Duration.ofSeconds(15)));
        children.clear();
        simulated.close();
        if (builtInIssuer != null) {
            builtInIssuer.close();
        }
        try {
            Files.deleteIfExists(options.dataDir().toAbsolutePath().resolve("pids"));
        } catch (IOException e) {
            // Nothing left to stop anyway.
        }
        log("Stopped.");
    }

    /**
     * Drops the services' databases; for tests, which give each stack databases of their own so that a developer's
     * local stack data is never touched.
     */
    void dropDatabases() {
        PostgresServer postgres = PostgresServer.fromEnvironment();
        databases.forEach(postgres::dropDatabase);
    }

    private void track(ChildProcess child, Path dataDir) throws IOException {
        children.add(child);
        LeftoverProcesses.record(dataDir.resolve("pids"), child.pid());
    }

    /**
     * JVM options of a service or agent process (issue #12; the images use most of them, docker/Dockerfile.jvm, and
     * bin/footprint measures them against the old -Xmx alone). The serial collector and a small fixed young
     * generation (4 MB: 2 MB less resident than 6 MB, at the same CPU to ready) keep an idle process small, which
     * matters with five or more JVMs on one machine, and the heap gives back what it does not need (free ratios).
     * The initial heap is 32 MB, about what a started service holds anyway: from 16 MB the old generation grew in
     * steps of a few MB during the start, each step after a full collection (seven or eight of them, 0.24 s of
     * pauses in a start recorded with JFR). One full collection is left, when metaspace first passes its threshold
     * near the end of the start; raising the threshold (-XX:MetaspaceSize=96m) saved those 50 ms but left the
     * start's garbage in the old generation: 3-4 MB more resident when idle. Metaspace, code cache and thread
     * stacks are bounded so a leak shows instead of growing. C1 only (TieredStopAtLevel=1) with one compiler
     * thread: on this machine it nearly halves the CPU a service needs to start and saves about 30 MB resident,
     * for slower code at full load, which a development stack never reaches (the images keep C2). The JVM hands
     * freed native memory back to the system every 5 s (where it can: JDK 17.0.9+ and 21.0.1+), and Netty keeps one
     * buffer arena rather than one per event loop. The AppCDS archive bin/appcds writes (for this command line: the
     * JVM records the jar's path as given; trained by a start until ready) spares class loading; one that no longer
     * matches the jars is ignored by the JVM with a warning.
     * Each of these was measured with bin/footprint (figures in the README).
     */
    static List<String> jvmOptions(Path quarkusApp, String maxHeap) {
        return jvmOptions(quarkusApp, maxHeap, Runtime.version());
    }

    static List<String> jvmOptions(Path quarkusApp, String maxHeap, Runtime.Version jvm) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmn4m", "-Xmx" + maxHeap,
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:MaxMetaspaceSize=192m",
                "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1"));
        if (trimsNativeHeap(jvm)) {
            options.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000"));
        }
        Path archive = quarkusApp.resolve("local-stack.jsa");
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return options;
    }

    /**
     * What bin/bench-stack adds to every service's command line, after the options above so that they win:
     * {@code MOORING_STACK_JVM_OPTS} (the images' C2 compiler and heap instead of the development stack's small
     * footprint, the services' own pool size) and {@code MOORING_STACK_JFR_DIR} (a flight recording per instance,
     * written when the stack stops, for the profile behind a benchmark's figures).
     */
    static List<String> benchmarkOptions(Service service, Map<String, String> env) {
        List<String> options = new ArrayList<>();
        String extra = env.getOrDefault("MOORING_STACK_JVM_OPTS", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        String jfr = env.getOrDefault("MOORING_STACK_JFR_DIR", "").strip();
        if (!jfr.isEmpty()) {
            options.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).resolve(service.processName() + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    /** TrimNativeHeapInterval came with JDK 17.0.9 and 21.0.1; an older JVM would refuse to start with it. */
    static boolean trimsNativeHeap(Runtime.Version jvm) {
        return jvm.feature() > 21 || (jvm.feature() == 21 && jvm.update() >= 1)
                || (jvm.feature() == 17 && jvm.update() >= 9);
    }

    /**
     * The environment of a service or agent process: glibc's malloc keeps at most two arenas instead of eight per
     * core, which a mostly idle JVM never needs (measured: a few MB resident each).
     */
    static Map<String, String> jvmEnvironment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static void log(String format, Object... args) {
        System.out.println("[local-stack] " + String.format(format, args));
    }
}
