package io.mooring.agent.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.events.Modes;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.addons.StatusReportResult;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InstalledObject;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * The platform as an agent sees it, in the test JVM: registry (register, token, status), health (reports) and
 * addons (desired state, status) on one port, like the gateway. It records what the agent sends, answers as the
 * services do (problem+json errors, 410 for a spent token or a deleted cluster, ETag/304), signs nothing (a token
 * is a random string it remembers) and can be taken down and brought back on the same port.
 *
 * <p>It keeps to the services' OpenAPI documents ({@link PlatformContract}): every request is checked against the
 * operation it calls and every answer against the documented schema, the acknowledgements the agent only reads are
 * the documented examples, and what breaks the contract is collected in {@link #contractViolations}, which
 * {@link #assertKeptTheContract()} (called by {@link AgentHarness#close()}) turns into a failure.
 */
public final class FakePlatform implements AutoCloseable {

    private final ObjectMapper json = PlatformJson.mapper();
    private final PlatformContract contract = PlatformContract.shared();
    /** Requests and answers that do not match the platform's OpenAPI documents. */
    public final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private final int port;
    private final SSLContext tls;
    private volatile HttpServer server;
    private volatile int failWith;
    private volatile boolean acceptGzip = true;
    public final List<String> gzipRefused = new CopyOnWriteArrayList<>();

    private final UUID clusterId = UUID.randomUUID();
    private final Set<String> importTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> spentTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private volatile String refreshSecret;
    /** The import token issued last: only it may be used again, like the registry's latest token of a cluster. */
    private volatile String latestImportToken;
    /** The kube-system UID of the first registration: a spent token is taken again only with it. */
    private volatile String boundClusterUid;
    private volatile Duration tokenLifetime = Duration.ofMinutes(10);
    /** Whether first registrations answer a re-registration secret, as the registry does (off: none is answered). */
    private volatile boolean issueReRegistrationSecrets;
    /** The re-registration secret the first registration answered; a spent token is taken again only with it. */
    private volatile String reRegistrationSecret;

    private volatile String clusterStatus = "Pending";
    private volatile String importMode = Modes.READ_ONLY;
    private volatile String pendingMigration;
    private volatile boolean deleting;
    private volatile boolean deleted;
    private volatile List<InstalledObject> installed = List.of();

    private volatile DesiredState desired;

    public final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    public final List<RefreshRequest> refreshes = new CopyOnWriteArrayList<>();
    public final List<AgentStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    public final List<InventoryReport> inventories = new CopyOnWriteArrayList<>();
    public final List<Long> inventoryBodyBytes = new CopyOnWriteArrayList<>();
    public final List<EventBatch> eventBatches = new CopyOnWriteArrayList<>();
    public final List<StatusReport> addonReports = new CopyOnWriteArrayList<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> refusedTokens = new CopyOnWriteArrayList<>();
    private final Set<UUID> acceptedReportIds = ConcurrentHashMap.newKeySet();

    /** A request answered 429 by {@link #throttle}: what it carried, and when. */
    public record Throttled(String path, Instant at, byte[] body) {
    }

    /** Every request: its path and when it arrived. */
    public record Arrival(String path, Instant at) {
    }

    public final List<Throttled> throttled = new CopyOnWriteArrayList<>();
    public final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private volatile int throttleSeconds;
    private volatile int throttleStatus = 429;

    public FakePlatform() {
        this(null);
    }

    /** A platform served over HTTPS with {@code tls}'s certificate (null: plain HTTP). */
    public FakePlatform(SSLContext tls) {
        this.tls = tls;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** Over HTTPS by name, as a real platform URL is (the test CA's certificate is for localhost). */
    public String url() {
        return tls == null ? "http://127.0.0.1:" + port : "https://localhost:" + port;
    }

    public UUID clusterId() {
        return clusterId;
    }

    // ---------------------------------------------------------------- scripting

    /** Issues an import token the agent can register with once. */
    public String issueImportToken() {
        String token = "import-" + UUID.randomUUID();
        importTokens.add(token);
        latestImportToken = token;
        return token;
    }

    /** Another copy of the agent registered again: the refresh secret the agent holds no longer works. */
    public void replaceRefreshSecret() {
        refreshSecret = "refresh-" + UUID.randomUUID();
    }

    public String boundClusterUid() {
        return boundClusterUid;
    }

    /**
     * First registrations answer a re-registration secret, as the registry does; the agent then keeps it in its
     * identity Secret, which the test creates as the import manifest would. Off by default, so that tests of other
     * things see no write to the simulated cluster.
     */
    public void issueReRegistrationSecrets() {
        this.issueReRegistrationSecrets = true;
    }

    public String reRegistrationSecret() {
        return reRegistrationSecret;
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    public void importMode(String mode) {
        this.importMode = mode;
    }

    public void pendingMigration(String mode) {
        this.pendingMigration = mode;
    }

    /** The user deleted the cluster: the next status answer asks the agent to clean up. */
    public void delete(List<InstalledObject> objects) {
        this.installed = List.copyOf(objects);
        this.deleting = true;
        this.clusterStatus = "Deleting";
    }

    public boolean deleted() {
        return deleted;
    }

    public void desired(DesiredState state) {
        this.desired = state;
    }

    /** Connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized void up() {
        if (server == null) {
            server = bind(port);
        }
    }

    /** Like a service without {@code quarkus.http.enable-decompression}: a gzip body is unreadable JSON (400). */
    public void acceptGzip(boolean accept) {
        this.acceptGzip = accept;
    }

    /** The next {@code times} requests to {@code path} are answered 429 with {@code Retry-After: seconds}. */
    public void throttle(String path, int times, int seconds) {
        throttleSeconds = seconds;
        throttleStatus = 429;
        throttles.put(path, new AtomicInteger(times));
    }

    /**
     * The next {@code times} requests to {@code path} are answered as health-service answers an agent whose cluster's
     * import it has not taken in yet: 503 cluster-not-known-yet with {@code Retry-After: seconds}.
     */
    public void notKnownYet(String path, int times, int seconds) {
        throttleSeconds = seconds;
        throttleStatus = 503;
        throttles.put(path, new AtomicInteger(times));
    }

    /** Every request is answered with this status (503, say) until set back to 0. */
    public void failWith(int status) {
        this.failWith = status;
    }

    // ---------------------------------------------------------------- what was received

    public List<String> eventUidsInOrder() {
        List<String> uids = new ArrayList<>();
        for (EventBatch batch : eventBatches) {
            batch.events().forEach(e -> uids.add(e.uid()));
        }
        return uids;
    }

    public long droppedReported() {
        return eventBatches.stream().mapToLong(EventBatch::dropped).sum();
    }

    public InventoryReport lastInventory() {
        return inventories.isEmpty() ? null : inventories.get(inventories.size() - 1);
    }

    public AgentStatus lastStatus() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }

    public Set<String> issuedAccessTokens() {
        return new LinkedHashSet<>(accessTokens.keySet());
    }

    // ---------------------------------------------------------------- serving

    private HttpServer bind(int onPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort);
            HttpServer http;
            if (tls == null) {
                http = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                http = https;
            }
            http.createContext("/", this::handle);
            http.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fake-platform");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the fake platform on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            arrivals.add(new Arrival(path, Instant.now()));
            byte[] body = readBody(exchange);
            contractViolations.addAll(contract.checkRequest(method, path, headers(exchange), body));
            if (!acceptGzip && "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                gzipRefused.add(path);
                problem(exchange, 400, "bad-request", "Unrecognized token: not JSON");
                return;
            }
            var throttle = throttles.get(path);
            if (throttle != null && throttle.getAndDecrement() > 0) {
                throttled.add(new Throttled(path, Instant.now(), body));
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(throttleSeconds));
                if (throttleStatus == 503) {
                    problem(exchange, 503, "cluster-not-known-yet", "Cluster " + clusterId
                            + " is not known to health-service yet. Send this report again after Retry-After.");
                } else {
                    problem(exchange, 429, "too-many-requests", "The platform is busy; send this again later.");
                }
                return;
            }
            if (failWith != 0) {
                problem(exchange, failWith, "unavailable", "The platform is failing on purpose.");
                return;
            }
            switch (method + " " + path) {
                case "POST /api/v1/agent/register" -> register(exchange, json.readValue(body, RegisterRequest.class));
                case "POST /api/v1/agent/token" -> refresh(exchange, json.readValue(body, RefreshRequest.class));
                case "POST /api/v1/agent/status" -> {
                    if (authorised(exchange)) {
                        status(exchange, json.readValue(body, AgentStatus.class));
                    }
                }
                case "POST /api/v1/agent/reports/heartbeat" -> {
                    if (authorised(exchange)) {
                        Heartbeat heartbeat = json.readValue(body, Heartbeat.class);
                        if (acceptedReportIds.add(heartbeat.reportId())) {
                            heartbeats.add(heartbeat);
                        }
                        respond(exchange, 200, documentedAnswer(method, path).put("clusterId", clusterId.toString())
                                .put("connectivity", "Connected").put("duplicate", false));
                    }
                }
                case "POST /api/v1/agent/reports/inventory" -> {
                    if (authorised(exchange)) {
                        InventoryReport report = json.readValue(body, InventoryReport.class);
                        if (acceptedReportIds.add(report.reportId())) {
                            inventories.add(report);
                            inventoryBodyBytes.add((long) body.length);
                        }
                        respond(exchange, 200, documentedAnswer(method, path).put("clusterId", clusterId.toString())
                                .put("accepted", true));
                    }
                }
                case "POST /api/v1/agent/reports/events" -> {
                    if (authorised(exchange)) {
                        EventBatch batch = json.readValue(body, EventBatch.class);
                        if (acceptedReportIds.add(batch.reportId())) {
                            eventBatches.add(batch);
                        }
                        respond(exchange, 200, documentedAnswer(method, path).put("clusterId", clusterId.toString())
                                .put("accepted", batch.events().size()));
                    }
                }
                case "GET /api/v1/agent/addons" -> {
                    if (authorised(exchange)) {
                        desiredState(exchange);
                    }
                }
                case "POST /api/v1/agent/addons/status" -> {
                    if (authorised(exchange)) {
                        addonReports.add(json.readValue(body, StatusReport.class));
                        respond(exchange, 200, new StatusReportResult(0, List.of()));
                    }
                }
                default -> problem(exchange, 404, "not-found", "No route " + method + " " + path);
            }
        } catch (RuntimeException e) {
            problem(exchange, 500, "error", String.valueOf(e));
        }
    }

    private void register(HttpExchange exchange, RegisterRequest request) throws IOException {
        registrations.add(request);
        String token = request.importToken();
        if (spentTokens.contains(token)) {
            // As the registry does: a re-registration needs the identity the cluster was bound to, its latest token and
            // the re-registration secret the first registration answered.
            if (request.clusterUid() == null || !request.clusterUid().equals(boundClusterUid)) {
                problem(exchange, 410, "gone", "The import token was already used.");
            } else if (!token.equals(latestImportToken)) {
                problem(exchange, 410, "gone", "This import token was replaced by a newer import command.");
            } else if (reRegistrationSecret == null || !reRegistrationSecret.equals(request.reRegistrationSecret())) {
                problem(exchange, 410, "gone", "The import token was already used; a re-registration needs the agent's"
                        + " re-registration secret.");
            } else {
                respond(exchange, 200, credential());
            }
            return;
        }
        if (!importTokens.remove(token)) {
            problem(exchange, 404, "not-found", "Unknown import token.");
            return;
        }
        spentTokens.add(token);
        if (request.clusterUid() != null) {
            boundClusterUid = request.clusterUid();
        }
        if (request.facts() != null) {
            clusterStatus = "Running";
        }
        AgentCredential credential = credential();
        if (issueReRegistrationSecrets) {
            reRegistrationSecret = "rereg-" + UUID.randomUUID();
            credential = new AgentCredential(credential.clusterId(), credential.accessToken(), credential.expiresAt(),
                    credential.refreshSecret(), reRegistrationSecret);
        }
        respond(exchange, 200, credential);
    }

    private void refresh(HttpExchange exchange, RefreshRequest request) throws IOException {
        refreshes.add(request);
        if (deleted) {
            problem(exchange, 410, "gone", "The cluster was deleted.");
            return;
        }
        if (!clusterId.equals(request.clusterId()) || refreshSecret == null || !refreshSecret.equals(request.refreshSecret())) {
            problem(exchange, 401, "unauthorized", "The refresh secret is not valid.");
            return;
        }
        respond(exchange, 200, credential());
    }

    private void status(HttpExchange exchange, AgentStatus status) throws IOException {
        statuses.add(status);
        if (deleted) {
            problem(exchange, 410, "gone", "The cluster was deleted.");
            return;
        }
        if (status.facts() != null && pendingMigration != null && pendingMigration.equals(status.facts().permissions())) {
            importMode = pendingMigration;
            pendingMigration = null;
        }
        if (deleting && status.cleanupDone()) {
            deleted = true;
            respond(exchange, 200, new AgentStatusReply(clusterId, AgentStatusReply.DELETED, importMode, null, true, List.of()));
            return;
        }
        respond(exchange, 200, new AgentStatusReply(clusterId, clusterStatus, importMode, pendingMigration, deleting,
                deleting ? installed : List.of()));
    }

    private void desiredState(HttpExchange exchange) throws IOException {
        DesiredState state = desired;
        if (state == null) {
            state = new DesiredState(clusterId, 0, List.of(), List.of());
        }
        String tag = "\"" + state.revision() + "\"";
        exchange.getResponseHeaders().set("ETag", tag);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (tag.equals(ifNoneMatch)) {
            contractViolations.addAll(contract.checkResponse("GET", exchange.getRequestURI().getPath(), 304, null, null));
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        respond(exchange, 200, state);
    }

    private AgentCredential credential() {
        String token = "agent-jwt-" + UUID.randomUUID();
        Instant expires = Instant.now().plus(tokenLifetime);
        accessTokens.put(token, expires);
        refreshSecret = "refresh-" + UUID.randomUUID();
        return new AgentCredential(clusterId, token, expires, refreshSecret);
    }

    private boolean authorised(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        Instant expires = token == null ? null : accessTokens.get(token);
        if (expires == null || Instant.now().isAfter(expires)) {
            refusedTokens.add(String.valueOf(token));
            problem(exchange, 401, "unauthorized", "The agent token is missing, unknown or expired.");
            return false;
        }
        return true;
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] raw = in.readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return gz.readAllBytes();
            }
        }
        return raw;
    }

    /**
     * The documented example answer of an operation, for the acknowledgements whose content the agent only logs: the
     * test then answers what the service's document shows, with this fake's own values set over it.
     */
    private ObjectNode documentedAnswer(String method, String path) {
        return (ObjectNode) contract.example(method, path, 200);
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        contractViolations.addAll(contract.checkResponse(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), status,
                "application/json", bytes));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void problem(HttpExchange exchange, int status, String type, String detail) throws IOException {
        byte[] bytes = json.writeValueAsBytes(Map.of("type", "https://mooring.io/problems/" + type, "title", type, "status", status, "detail",
                detail)).clone();
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Fails when a request or an answer did not match the platform's OpenAPI documents. */
    public void assertKeptTheContract() {
        if (!contractViolations.isEmpty()) {
            throw new AssertionError("The agent and the platform's OpenAPI documents (docs/api/openapi) disagree:\n  "
                    + String.join("\n  ", new LinkedHashSet<>(contractViolations)));
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return headers;
    }

    @Override
    public synchronized void close() {
        down();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
