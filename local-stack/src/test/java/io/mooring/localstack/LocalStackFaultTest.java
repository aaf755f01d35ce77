package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testsupport.PostgresServer;
import io.mooring.testsupport.TcpProxy;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite as processes, through the faults an operator sees in a normal month, while agents report and a
 * script keeps importing clusters through the gateway: the broker freezes for a minute, one consumer's database
 * is cut for 90 s, and PostgreSQL goes away for everyone and comes back. Each service reaches PostgreSQL through
 * a {@link TcpProxy} so that a cut is a real network fault for it (refused connections, open ones closed), which
 * is what a restart or fail-over looks like from the client; the broker is frozen with SIGSTOP.
 */
class LocalStackFaultTest {

    private static final String DATABASES = "mooring_fault_" + Long.toHexString(System.nanoTime());
    private static final List<String> UPSTREAMS = List.of("registry", "health", "addon", "cost", "notification");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<String, TcpProxy> PROXIES = new LinkedHashMap<>();
    private static LocalStack stack;
    private static String admin;
    private static int gatewayPort;
    private static int basePort;

    @BeforeAll
    static void startStack() throws Exception {
        gatewayPort = FreePorts.one();
        basePort = FreePorts.blockOfSix();
        Path data = Files.createTempDirectory("mooring-faults-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        PostgresServer postgres = PostgresServer.fromEnvironment();
        stack = new LocalStack(new StackOptions(repo, data, gatewayPort, basePort, FreePorts.one(), 240,
                SimulatedClusters.Spec.parseAll("eks:read-only,k3s:read-only"),
                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.inventory-min=2s",
                        "mooring.agent.intervals.events-flush=1s", "mooring.agent.intervals.status=2s",
                        "mooring.agent.intervals.permissions=5s"), DATABASES, false));
        for (String upstream : UPSTREAMS) {
            TcpProxy proxy = new TcpProxy(postgres.host(), postgres.port());
            PROXIES.put(upstream, proxy);
            stack.routeDatabase(upstream, proxy.port());
        }
        stack.start();
        admin = stack.adminToken();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
        PROXIES.values().forEach(TcpProxy::close);
    }

    @Test
    void brokerFreezeDatabaseCutAndPostgresRestartLoseNothingAndNeedNoRestart() throws Exception {
        try (Importer importer = new Importer(); Churn churn = new Churn()) {
            // 1. The broker freezes for 60 s: every service stays ready, imports and reports go on.
            int importedBefore = importer.accepted().size();
            ChildProcess kafka = stack.child("kafka");
            ReadinessProbes probes;
            kafka.freeze();
            try (ReadinessProbes running = new ReadinessProbes()) {
                probes = running;
                pause(Duration.ofSeconds(60));
            } finally {
                kafka.thaw();
            }
            assertThat(probes.answersOtherThan200()).as("readiness answers other than 200 while the broker was frozen")
                    .isEmpty();
            assertThat(probes.takenOut()).as("services whose readiness failed %d probes in a row (the chart's "
                    + "failureThreshold: Kubernetes takes the replica out of its Service)",
                    ReadinessProbes.FAILURE_THRESHOLD).isEmpty();
            assertThat(probes.probesPerService()).as("readiness probes made per service in the 60 s")
                    .allSatisfy((upstream, count) -> assertThat(count).isGreaterThanOrEqualTo(10));
            List<UUID> duringFreeze = importer.acceptedSince(importedBefore);
            assertThat(duringFreeze).as("imports accepted while the broker was frozen").isNotEmpty();
            double brokerConverged = secondsUntil(Duration.ofSeconds(90),
                    () -> reachedEveryService(importer.accepted()));
            LocalStack.log("Fault test: broker frozen 60 s; readiness probes %s; %d imports during the freeze reached "
                    + "every service %.1f s after it ended", probes.summary(), duringFreeze.size(), brokerConverged);

            // 2. cost-service's database is cut for 90 s: its consumers wait and resume by themselves.
            int beforeCut = importer.accepted().size();
            PROXIES.get("cost").stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/v1/fleet/cost?window=24h") == 503);
            pause(Duration.ofSeconds(90));
            PROXIES.get("cost").start();
            List<UUID> duringCut = importer.acceptedSince(beforeCut);
            assertThat(duringCut).as("imports accepted while cost's database was cut").isNotEmpty();
            double costConverged = secondsUntil(Duration.ofSeconds(90), () -> reachedEveryService(importer.accepted()));
            LocalStack.log("Fault test: cost-service's database cut 90 s; %d imports made meanwhile reached it %.1f s "
                    + "after the cut ended, without a restart", duringCut.size(), costConverged);

            // 3. PostgreSQL goes away for every service (a restart, as the clients see it) and comes back.
            PROXIES.values().forEach(TcpProxy::stop);
            Map<String, String> paths = Map.of("registry", "/api/v1/clusters", "health", "/api/v1/fleet/health",
                    "addon", "/api/v1/addon-profiles", "cost", "/api/v1/fleet/cost?window=24h");
            for (String path : paths.values()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> answer = get(path);
                    assertThat(answer.statusCode()).as(path).isEqualTo(503);
                    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
                    assertThat(answer.headers().firstValue("Retry-After")).as(path).isPresent();
                    assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(503);
                });
            }
            pause(Duration.ofSeconds(10));
            PROXIES.values().forEach(TcpProxy::start);
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                    UPSTREAMS.stream().allMatch(u -> readiness(u) == 200)
                            && paths.values().stream().allMatch(p -> status(p) == 200));
            double ready = (System.nanoTime() - back) / 1e9;
            LocalStack.log("Fault test: PostgreSQL back; every service ready and answering %.1f s later", ready);

            importer.close();
            churn.close();
            double finalConverged = secondsUntil(Duration.ofSeconds(90), () -> reachedEveryService(importer.accepted()));
            // Inventories published just before the churn stopped may still be on their way, or waiting out a
            // consumer's backoff after the last fault: lost is what is still missing once cost had time to catch up.
            CostLedger[] last = new CostLedger[1];
            double costCaughtUp = secondsUntil(Duration.ofSeconds(60), () -> {
                last[0] = CostLedger.read();
                return last[0].lost() == 0;
            });
            CostLedger ledger = last[0];
            LocalStack.log("Fault test: %d import requests made, %d accepted, %d refused with 503, %d other answers; "
                    + "every accepted import reached health, addon and cost (%.1f s after the last fault); "
                    + "inventories published by health: %d, accrued by cost: %d (caught up %.1f s later), "
                    + "lost: %d; cost duplicated: %s",
                    importer.made(), importer.accepted().size(), importer.refused(), importer.other().size(),
                    finalConverged, ledger.published(), ledger.accrued(), costCaughtUp, ledger.lost(),
                    ledger.duplicated());
            assertThat(importer.other()).as("answers to imports other than 201 and 503").isEmpty();
            assertThat(ledger.published()).as("inventories published while the faults came and went")
                    .isGreaterThan(10);
            assertThat(ledger.lost()).as("inventories health published that cost never accrued").isZero();
            assertThat(ledger.duplicated()).as("hours whose roll-up differs from the sum of their ledger lines")
                    .isEmpty();
        }
    }

    /** True once every cluster is known to health, addon and cost (each answers 200 for it, not 404). */
    private static boolean reachedEveryService(List<UUID> clusters) {
        for (UUID id : clusters) {
            for (String path : List.of("/api/v1/clusters/%s/health", "/api/v1/clusters/%s/addons",
                    "/api/v1/clusters/%s/rates")) {
                if (status(path.formatted(id)) != 200) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double secondsUntil(Duration atMost, Callable<Boolean> condition) {
        long start = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits out a fault's duration; the fault itself is what is being tested, not a condition. */
    private static void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        await().atMost(duration.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> System.nanoTime() >= until);
    }

    private static int readiness(String upstream) {
        int port = basePort + 1 + UPSTREAMS.indexOf(upstream);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Each service's readiness probed as the Helm chart's kubelet probes it ({@code timeoutSeconds: 3}; a replica
     * leaves its Service after {@code failureThreshold: 3} failed probes in a row), once a second each and
     * independently, so that one slow service does not delay the others' probes. An answer other than 200 is a
     * readiness that went DOWN; a probe without an answer in time is a failed probe, as for the kubelet.
     */
    private static final class ReadinessProbes implements AutoCloseable {

        static final int FAILURE_THRESHOLD = 3;
        private static final Duration TIMEOUT = Duration.ofSeconds(3);

        /** One probe: the status answered (-1: none in time, or the connection failed) and what it said. */
        private record Probe(String upstream, Instant at, int status, long tookMillis, String detail) {

            boolean failed() {
                return status != 200;
            }

            @Override
            public String toString() {
                return "%s at %s: %s after %d ms%s".formatted(upstream, at,
                        status < 0 ? "no answer" : status, tookMillis, detail.isEmpty() ? "" : " (" + detail + ")");
            }
        }

        private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(UPSTREAMS.size());
        private final List<Probe> probes = new CopyOnWriteArrayList<>();

        ReadinessProbes() {
            for (String upstream : UPSTREAMS) {
                executor.scheduleWithFixedDelay(() -> probe(upstream), 0, 1, TimeUnit.SECONDS);
            }
        }

        private void probe(String upstream) {
            Instant at = Instant.now();
            long started = System.nanoTime();
            int port = basePort + 1 + UPSTREAMS.indexOf(upstream);
            int status;
            String detail;
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                detail = status == 200 ? "" : answer.body();
            } catch (IOException | RuntimeException e) {
                status = -1;
                detail = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            probes.add(new Probe(upstream, at, status,
                    (System.nanoTime() - started) / 1_000_000, detail));
        }

        List<Probe> answersOtherThan200() {
            return probes.stream().filter(p -> p.status() >= 0 && p.status() != 200).toList();
        }

        /** The runs of {@link #FAILURE_THRESHOLD} or more failed probes in a row, by service. */
        Map<String, List<Probe>> takenOut() {
            Map<String, List<Probe>> out = new LinkedHashMap<>();
            for (String upstream : UPSTREAMS) {
                List<Probe> run = new ArrayList<>();
                for (Probe probe : probes) {
                    if (!probe.upstream().equals(upstream)) {
                        continue;
                    }
                    if (probe.failed()) {
                        run.add(probe);
                        if (run.size() >= FAILURE_THRESHOLD) {
                            out.put(upstream, List.copyOf(run));
                        }
                    } else {
                        run.clear();
                    }
                }
            }
            return out;
        }

        Map<String, Integer> probesPerService() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            UPSTREAMS.forEach(upstream -> counts.put(upstream, 0));
            probes.forEach(probe -> counts.merge(probe.upstream(), 1, Integer::sum));
            return counts;
        }

        /** How many probes, which failed or took a second or more, and the slowest answer of each service. */
        String summary() {
            List<Probe> failed = probes.stream().filter(Probe::failed).toList();
            List<Probe> slow = probes.stream().filter(p -> !p.failed() && p.tookMillis() >= 1000).toList();
            Map<String, Long> slowest = new LinkedHashMap<>();
            probes.forEach(probe -> slowest.merge(probe.upstream(), probe.tookMillis(), Math::max));
            return "%d made, %d failed%s%s; slowest answer (ms) %s".formatted(probes.size(), failed.size(),
                    failed.isEmpty() ? "" : " " + failed, slow.isEmpty() ? "" : ", answered in 1 s or more " + slow,
                    slowest);
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
    }

    /** A script onboarding clusters through the gateway, one every half second, whatever is failing. */
    private static final class Importer implements AutoCloseable {

        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final List<UUID> accepted = new CopyOnWriteArrayList<>();
        private final Map<Integer, AtomicInteger> otherAnswers = new ConcurrentHashMap<>();
        private final AtomicInteger made = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        Importer() {
            executor.scheduleWithFixedDelay(this::importOne, 0, 500, TimeUnit.MILLISECONDS);
        }

        private void importOne() {
            int n = made.incrementAndGet();
            String body = """
                    {"name":"fault-%d","project":"faults","cloudType":"eks","importMode":"%s"}"""
                    .formatted(n, n % 2 == 0 ? "read-only" : "full-permission");
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/clusters"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201) {
                    JsonNode cluster = JSON.readTree(answer.body());
                    accepted.add(UUID.fromString(cluster.path("cluster").path("id").asText()));
                } else if (answer.statusCode() == 503) {
                    refused.incrementAndGet();
                } else {
                    otherAnswers.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                // Counted, never thrown: a scheduled task that throws is silently never run again.
                otherAnswers.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<UUID> accepted() {
            return List.copyOf(accepted);
        }

        List<UUID> acceptedSince(int index) {
            List<UUID> all = accepted();
            return new ArrayList<>(all.subList(index, all.size()));
        }

        int made() {
            return made.get();
        }

        int refused() {
            return refused.get();
        }

        Map<Integer, AtomicInteger> other() {
            return Map.copyOf(otherAnswers);
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Workloads scaling up and down in every simulated cluster, so that agents keep sending changed inventories
     * (health publishes one to cost-service whenever it changes) while the faults come and go.
     */
    private static final class Churn implements AutoCloseable {

        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger round = new AtomicInteger();

        Churn() {
            executor.scheduleWithFixedDelay(this::scale, 0, 3, TimeUnit.SECONDS);
        }

        private void scale() {
            int replicas = round.incrementAndGet() % 3 + 1;
            for (SimulatedClusters.Imported imported : stack.simulated().all()) {
                try {
                    String namespace = imported.cluster().applicationNamespaces().get(0);
                    String deployment = imported.cluster().client().apps().deployments().inNamespace(namespace).list()
                            .getItems().get(0).getMetadata().getName();
                    imported.cluster().scaleWorkload(namespace, deployment, replicas);
                } catch (RuntimeException e) {
                    // The simulated API server is in this JVM and unaffected by the faults; a miss is retried next round.
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * What health published for cost and what cost made of it, read from both databases: an inventory health
     * published but cost never accrued is lost; an hour whose roll-up is not the sum of its ledger lines was
     * added twice (the lines are keyed by their natural key, the roll-ups are sums).
     */
    private record CostLedger(int published, int accrued, int lost, List<String> duplicated) {

        static CostLedger read() throws SQLException {
            PostgresServer postgres = PostgresServer.fromEnvironment();
            List<String> published = new ArrayList<>();
            try (Connection health = connect(postgres, "health"); Statement query = health.createStatement();
                    ResultSet rows = query.executeQuery("""
                            select payload::jsonb ->> 'clusterId', payload::jsonb ->> 'observedAt' from mooring_outbox
                            where type = 'io.mooring.cluster.inventory-reported.v1' and published_at is not null""")) {
                while (rows.next()) {
                    published.add(rows.getString(1) + "@" + Instant.parse(rows.getString(2)).truncatedTo(ChronoUnit.MICROS));
                }
            }
            List<String> accrued = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            try (Connection cost = connect(postgres, "cost"); Statement query = cost.createStatement()) {
                try (ResultSet rows = query.executeQuery("select cluster_id, observed_at from cost_inventory")) {
                    while (rows.next()) {
                        accrued.add(rows.getString(1) + "@" + rows.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MICROS));
                    }
                }
                try (ResultSet rows = query.executeQuery("""
                        select h.cluster_id, h.bucket, h.total_cost, coalesce(l.total, 0)
                        from cost_cluster_hour h left join (
                            select cluster_id, hour_start, currency, sum(total_cost) * 1000000000 as total
                            from cost_line group by cluster_id, hour_start, currency) l
                          on l.cluster_id = h.cluster_id and l.hour_start = h.bucket and l.currency = h.currency""")) {
                    while (rows.next()) {
                        BigDecimal rollup = rows.getBigDecimal(3);
                        BigDecimal lines = rows.getBigDecimal(4);
                        if (rollup.compareTo(lines) != 0) {
                            duplicated.add(rows.getString(1) + "@" + rows.getTimestamp(2).toInstant() + ": roll-up "
                                    + rollup + ", lines " + lines);
                        }
                    }
                }
            }
            // Cost accrues each window from the cluster's previous accrued inventory, so one that arrives after a
            // newer one is skipped without losing cost (the newer one's window covers it). Lost is a published
            // inventory later than anything cost accrued for its cluster: time cost has not accounted for.
            Map<String, Instant> latestAccrued = new java.util.HashMap<>();
            for (String key : accrued) {
                String cluster = key.substring(0, key.indexOf('@'));
                Instant observed = Instant.parse(key.substring(key.indexOf('@') + 1));
                latestAccrued.merge(cluster, observed, (x, y) -> x.isAfter(y) ? x : y);
            }
            List<String> lost = published.stream().filter(p -> !accrued.contains(p)).filter(p -> {
                Instant latest = latestAccrued.get(p.substring(0, p.indexOf('@')));
                return latest == null || Instant.parse(p.substring(p.indexOf('@') + 1)).isAfter(latest);
            }).toList();
            return new CostLedger(published.size(), accrued.size(), lost.size(), duplicated);
        }

        private static Connection connect(PostgresServer postgres, String upstream) throws SQLException {
            return DriverManager.getConnection(postgres.jdbcUrl(DATABASES + "_" + upstream), postgres.user(),
                    postgres.password());
        }
    }
}
