package io.mooring.simulator.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Plays N synthetic cluster agents against a running health-service: heartbeats (every 30 s of simulated
 * time, compressed by {@code --compression}) and batches of Kubernetes events, then prints the events per
 * second accepted and the heartbeat latency percentiles. Bounded in time, and it only talks to loopback
 * addresses.
 *
 * <pre>
 * java -cp &lt;class path&gt; io.mooring.simulator.load.LoadDriver --clusters=1000 --duration=60s \
 *     --url=http://127.0.0.1:8082 --agent-key=/path/agent-signing-key.pem --kafka=127.0.0.1:9092
 * </pre>
 *
 * Options (defaults in brackets): {@code --url} [http://127.0.0.1:8082], {@code --clusters} [1000],
 * {@code --duration} [60s], {@code --compression} [10: a 30 s heartbeat every 3 s], {@code --batch-size}
 * [100 events], {@code --batch-every} [5s per cluster: the agent's {@code events-flush}, so 20 events/s per cluster],
 * {@code --gzip} [true: event batches compressed, as the agent sends them], {@code --ramp} [60s at full rate, not
 * measured: the service is cold and the event log still filling], {@code --max-in-flight} [256], {@code --objects}
 * [200 distinct objects per cluster, so some events update entries and some add them], {@code --project}
 * [load]; tokens from {@code --tokens-file} (lines {@code <clusterId> <token>}; those clusters are used) or
 * minted with {@code --agent-key} (PKCS#8 PEM of the registry's agent key; {@code --key-id}
 * [mooring-agents-1], {@code --issuer} [mooring-registry]); {@code --warm-up} [2m: how long the first heartbeats
 * may take, each agent coming back after the service's Retry-After while its cluster is not known yet]; {@code --kafka} announces the clusters first with
 * ClusterImported (needs kafka-clients on the class path); without it the clusters must be known already;
 * {@code --announce-only} [false] stops after announcing them (no agents: the consumers' rate alone).
 *
 * <p>For the benchmark (bin/bench, issue #15): {@code --inventory-every} [0: none; the agent's is 10m] sends each
 * cluster's inventory of {@code --nodes} [50] nodes; {@code --service-pid} names the service's process, whose CPU
 * time over the measured window and resident memory (sampled each second) are then reported; {@code --user-key}
 * (PKCS#8 PEM of the user issuer's key) with {@code --user-issuer}, or {@code --user-token}, reads the fleet every
 * {@code --read-every} [250ms] from the ramp on (timed in the measured window), as a console would
 * ({@code --reads}: name=path,... [health-service's fleet health and a page of 50 clusters' rows]);
 * {@code --baseline-url} then drives that URL, a trivial endpoint of the same service, as fast as
 * {@code --baseline-in-flight} [64] allows for {@code --baseline-for} [10s] with the same HTTP client: the request
 * rate this machine allows a Quarkus endpoint;
 * {@code --announce-during} [0] announces that many more clusters 5 s into the measured window (the consumers'
 * pace under agent load); {@code --summary} writes the figures as {@code key=value} lines to that file.
 *
 * <p>The driver runs on the machine it measures, so each request must cost it little: Vert.x's HTTP client on two
 * event loops with kept-alive connections pooled up to {@code --max-in-flight} (the JDK's HttpClient took about
 * 1.6 times the CPU per request, which lowered the ceiling the benchmark found; docs/benchmark.md), each agent's paths
 * and Authorization header made once, and gzip at the agent's level with a Deflater reused per thread. A latency is
 * from the moment the report is due and sent (its body made and gzipped in it, as always) to its answer's last byte.
 */
public final class LoadDriver {

    private static final String[] REASONS = {"BackOff", "Pulled", "Created", "Started", "Unhealthy", "FailedMount",
            "Scheduled", "Killing"};

    /** A request's answer must be complete within this long (as the agent's request timeout). */
    private static final long TIMEOUT_MS = 30_000;
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");

    private final Map<String, String> options;
    /**
     * Two event loops for every connection: the driver shares a 2-core machine with what it measures, so it must
     * cost little per request (the JDK's HttpClient took about 1.6 times the CPU per request, see docs/benchmark.md).
     */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1).setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                    .setClassPathResolvingEnabled(false))
            // A saturated machine may keep a thread off a core for seconds: not worth a warning per loop.
            .setMaxEventLoopExecuteTime(30).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    /** The agents' client: kept-alive connections, as many as requests may be in flight, so none waits for one. */
    private final HttpClient http;
    /** The console's reads: their own few connections, not queued behind the agents' (a browser is not an agent). */
    private final HttpClient readsClient;
    private final Semaphore inFlight;
    /** Event batches gzipped, as the agent sends them. */
    private final boolean gzip;
    private final Latencies heartbeatLatency = new Latencies(5_000_000);
    private final Latencies batchLatency = new Latencies(2_000_000);
    private final LongAdder heartbeatsOk = new LongAdder();
    private final LongAdder batchesOk = new LongAdder();
    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicLong measuringSince = new AtomicLong(Long.MAX_VALUE);
    /** Whether slow answers are steady or come in bursts (a pause somewhere) shows in when they were sent. */
    private static final Duration SLOW = Duration.ofMillis(250);
    private final Map<Long, LongAdder> slowBySecond = new ConcurrentHashMap<>();
    private final Latencies inventoryLatency = new Latencies(1_000_000);
    private final LongAdder inventoriesOk = new LongAdder();
    /** Requests due in the measured window (sent or not), and those that failed in it. */
    private final LongAdder offered = new LongAdder();
    private final LongAdder failedMeasured = new LongAdder();
    private final Map<String, Latencies> readLatency = new ConcurrentHashMap<>();
    private final LongAdder readsFailed = new LongAdder();
    private volatile double offeredEventsPerSecond;
    private final Map<String, String> summary = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    private LoadDriver(Map<String, String> options) {
        this.options = options;
        int maxInFlight = Integer.parseInt(opt("max-in-flight", "256"));
        this.inFlight = new Semaphore(maxInFlight);
        this.gzip = Boolean.parseBoolean(opt("gzip", "true"));
        // Idle connections close after Vert.x's 60 s: a burst's extra connections do not stay for the pool to scan.
        HttpClientOptions client = new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000);
        this.http = vertx.createHttpClient(client, new PoolOptions().setHttp1MaxSize(maxInFlight).setEventLoopSize(2));
        this.readsClient = vertx.createHttpClient(new HttpClientOptions(client),
                new PoolOptions().setHttp1MaxSize(16).setEventLoopSize(1));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Options are --name=value; see the class comment of " + LoadDriver.class.getName());
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        run(options);
        System.exit(0);
    }

    /** One run with these options (names without the dashes); the summary's figures, as --summary writes them. */
    static Map<String, String> run(Map<String, String> options) throws Exception {
        LoadDriver driver = new LoadDriver(options);
        try {
            driver.run();
            return Map.copyOf(driver.summary);
        } finally {
            driver.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void run() throws Exception {
        URI base = URI.create(opt("url", "http://127.0.0.1:8082"));
        requireLoopback(base.getHost(), "--url");
        Duration duration = duration(opt("duration", "60s"));
        if (duration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("--duration is capped at 30m");
        }
        double compression = Double.parseDouble(opt("compression", "10"));
        Duration heartbeatEvery = Duration.ofMillis((long) (30_000 / compression));
        Duration batchEvery = duration(opt("batch-every", "5s"));
        int batchSize = Integer.parseInt(opt("batch-size", "100"));
        int objects = Integer.parseInt(opt("objects", "200"));

        Map<UUID, String> tokens = tokens();
        List<UUID> clusters = new ArrayList<>(tokens.keySet());
        if (options.containsKey("kafka")) {
            for (String server : opt("kafka", "").split(",")) {
                requireLoopback(server.substring(0, server.lastIndexOf(':')), "--kafka");
            }
            System.out.printf("Announcing %d clusters on %s ...%n", clusters.size(), LifecycleSeeder.TOPIC);
            LifecycleSeeder.announce(opt("kafka", ""), clusters, opt("project", "load"));
        }
        if (Boolean.parseBoolean(opt("announce-only", "false"))) {
            // The consumers' rate alone (bin/load-health --consumption): no agent competes with them.
            System.out.printf("Announced %d clusters; no agents (--announce-only)%n", clusters.size());
            return;
        }

        System.out.printf("Warming up: first heartbeat of %d agents (Pending -> Connected) ...%n", clusters.size());
        warmUp(base, clusters, tokens);

        System.out.printf("Load: %d clusters for %s; heartbeat every %d ms (30 s / %.0f), %d events every %s per "
                        + "cluster (offered %.0f heartbeats/s, %.0f events/s)%n",
                clusters.size(), duration, heartbeatEvery.toMillis(), compression, batchSize, batchEvery,
                clusters.size() * 1000.0 / heartbeatEvery.toMillis(),
                clusters.size() * batchSize * 1000.0 / batchEvery.toMillis());
        offeredEventsPerSecond = clusters.size() * batchSize * 1000.0 / batchEvery.toMillis();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        // The first seconds at full rate find the service cold (JIT, connections, caches): they run, unmeasured.
        Duration ramp = duration(opt("ramp", "60s"));
        System.out.printf("Ramp: %s at full rate before measuring%n", ramp);
        long start = System.nanoTime() + ramp.toNanos();
        measuringSince.set(start);
        Duration inventoryEvery = duration(opt("inventory-every", "0s"));
        int nodes = Integer.parseInt(opt("nodes", "50"));
        if (!inventoryEvery.isZero()) {
            System.out.printf("Inventories: one of %d nodes every %s per cluster (offered %.1f/s)%n", nodes,
                    inventoryEvery, clusters.size() * 1000.0 / inventoryEvery.toMillis());
        }
        ProcessSampler service = options.containsKey("service-pid")
                ? new ProcessSampler(Long.parseLong(opt("service-pid", ""))) : null;
        if (service != null) {
            // CPU time from the moment measuring starts; resident memory every second from then on.
            timers.schedule(service::mark, Math.max(0, start - System.nanoTime()), TimeUnit.NANOSECONDS);
            timers.scheduleAtFixedRate(service::sampleMemory, Math.max(0, start - System.nanoTime()),
                    1_000_000_000L, TimeUnit.NANOSECONDS);
        }
        if (options.containsKey("user-key") || options.containsKey("user-token")) {
            String user = options.containsKey("user-token") ? opt("user-token", "")
                    : AgentTokens.mintAdmin(AgentTokens.readKey(Path.of(opt("user-key", ""))), AgentTokens.USER_KEY_ID,
                            opt("user-issuer", "http://127.0.0.1:18090"), Duration.ofHours(2));
            long every = duration(opt("read-every", "250ms")).toNanos();
            String page = clusters.stream().limit(50).map(UUID::toString).collect(Collectors.joining(","));
            // name=path,...: what a console shows of the fleet; health-service's own by default.
            String reads = opt("reads", "fleet-health=/api/v1/fleet/health,fleet-health-page=/api/v1/fleet/health/"
                    + "clusters?id=" + page);
            String[] named = reads.split(",(?=[a-z-]+=/)");
            for (int i = 0; i < named.length; i++) {
                String name = named[i].substring(0, named[i].indexOf('='));
                URI uri = base.resolve(named[i].substring(named[i].indexOf('=') + 1));
                timers.scheduleAtFixedRate(() -> read(name, uri, user), every * i / named.length, every,
                        TimeUnit.NANOSECONDS);
            }
        }
        int announceDuring = Integer.parseInt(opt("announce-during", "0"));
        if (announceDuring > 0) {
            // New clusters announced while the agents run: how fast the consumers keep up under load (issue #15).
            timers.schedule(() -> announceDuring(announceDuring), Math.max(0, start - System.nanoTime())
                    + 5_000_000_000L, TimeUnit.NANOSECONDS);
        }
        for (UUID cluster : clusters) {
            Agent agent = new Agent(base, cluster, tokens.get(cluster));
            if (!inventoryEvery.isZero()) {
                long invJitter = ThreadLocalRandom.current().nextLong(inventoryEvery.toMillis());
                timers.scheduleAtFixedRate(() -> inventory(agent, nodes), invJitter,
                        inventoryEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
            long hbJitter = ThreadLocalRandom.current().nextLong(heartbeatEvery.toMillis());
            long evJitter = ThreadLocalRandom.current().nextLong(batchEvery.toMillis());
            timers.scheduleAtFixedRate(() -> heartbeat(agent), hbJitter, heartbeatEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (batchSize > 0) {
                timers.scheduleAtFixedRate(() -> batch(agent, batchSize, objects), evJitter,
                        batchEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        Thread.sleep(ramp.toMillis() + duration.toMillis());
        timers.shutdownNow();
        // Nothing due after the end is sent, even by a timer that had just started.
        timers.awaitTermination(5, TimeUnit.SECONDS);
        long end = System.nanoTime();
        // Let what is in flight finish (bounded), so its latency counts.
        int max = Integer.parseInt(opt("max-in-flight", "256"));
        if (inFlight.tryAcquire(max, 15, TimeUnit.SECONDS)) {
            inFlight.release(max); // the baseline below uses the same client
        }
        double seconds = (end - start) / 1e9;
        if (service != null) {
            summary.put("service_cpu_s", String.format("%.2f", service.cpuSecondsSinceMark()));
            summary.put("service_rss_mb_max", String.valueOf(service.maxRssMb()));
            summary.put("service_rss_mb_end", String.valueOf(service.rssMb()));
        }
        report(clusters.size(), seconds);
        if (options.containsKey("baseline-url")) {
            // Fewer in flight than the agents: a closed loop needs only enough to keep both cores busy, and
            // hundreds of connections would measure the machine's connection handling instead.
            baseline(URI.create(opt("baseline-url", "")), Integer.parseInt(opt("baseline-in-flight", "64")),
                    duration(opt("baseline-for", "10s")), service);
        }
        if (options.containsKey("summary")) {
            java.nio.file.Files.writeString(Path.of(opt("summary", "")), summary.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        }
    }

    /**
     * The machine's own limit for a Quarkus endpoint: {@code url} (a trivial endpoint of the same service, e.g. its
     * liveness check) as fast as {@code concurrency} requests in flight allow, with the agents' HTTP client.
     */
    private void baseline(URI url, int concurrency, Duration length, ProcessSampler service) throws Exception {
        requireLoopback(url.getHost(), "--baseline-url");
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        Latencies latency = new Latencies(5_000_000);
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        RequestOptions request = new RequestOptions().setAbsoluteURI(url.toString()).setIdleTimeout(TIMEOUT_MS);
        if (service != null) {
            service.mark();
        }
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            baselineLoop(request, end, ok, failed, latency, done);
        }
        done.await(length.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        summary.put("baseline_url", url.toString());
        summary.put("baseline_requests_per_s", String.format("%.0f", ok.sum() / seconds));
        summary.put("baseline_p99_ms", String.format("%.1f", latency.percentile(99)));
        summary.put("baseline_failed", String.valueOf(failed.sum()));
        String cpu = "";
        if (service != null && ok.sum() > 0) {
            double perRequest = service.cpuSecondsSinceMark() * 1000 / ok.sum();
            summary.put("baseline_cpu_ms_per_request", String.format("%.3f", perRequest));
            cpu = String.format("; %.3f ms of the service's CPU per request", perRequest);
        }
        System.out.printf("Baseline %s: %.0f requests/s with %d in flight, p99 %.1f ms, %d failed%s%n", url,
                ok.sum() / seconds, concurrency, latency.percentile(99), failed.sum(), cpu);
    }

    private void baselineLoop(RequestOptions request, long end, LongAdder ok, LongAdder failed, Latencies latency,
            CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        exchange(http, request, null, (response, error) -> {
            if (error == null && response.statusCode() == 200) {
                ok.increment();
                latency.add(System.nanoTime() - t0);
            } else {
                failed.increment();
            }
            baselineLoop(request, end, ok, failed, latency, done);
        });
    }

    private Map<UUID, String> tokens() throws Exception {
        if (options.containsKey("tokens-file")) {
            return AgentTokens.fromFile(Path.of(opt("tokens-file", "")));
        }
        boolean announceOnly = Boolean.parseBoolean(opt("announce-only", "false"));
        if (!options.containsKey("agent-key") && !announceOnly) {
            throw new IllegalArgumentException("Give --tokens-file or --agent-key");
        }
        // Minting is seconds of RSA signing for 10,000 clusters: not done when no agent will send anything.
        PrivateKey key = announceOnly ? null : AgentTokens.readKey(Path.of(opt("agent-key", "")));
        int n = Integer.parseInt(opt("clusters", "1000"));
        Map<UUID, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            tokens.put(id, key == null ? "" : AgentTokens.mint(key, opt("key-id", "mooring-agents-1"),
                    opt("issuer", "mooring-registry"), id, Duration.ofHours(1)));
        }
        return tokens;
    }

    /**
     * One accepted heartbeat per agent. An agent whose cluster the service does not know yet is answered 503 with
     * Retry-After: it comes back after that long plus up to half as much again (jitter, as the agent does), so a
     * fleet announced at once neither hammers the service nor returns in step. Bounded by {@code --warm-up} [2m].
     */
    private void warmUp(URI base, List<UUID> clusters, Map<UUID, String> tokens) throws Exception {
        long started = System.nanoTime();
        long deadline = started + duration(opt("warm-up", "2m")).toNanos();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch settled = new CountDownLatch(clusters.size());
        LongAdder sentAway = new LongAdder();
        Map<UUID, Boolean> accepted = new ConcurrentHashMap<>();
        try {
            for (UUID id : clusters) {
                firstHeartbeat(new Agent(base, id, tokens.get(id)), deadline, later, settled, sentAway, accepted);
            }
            while (!settled.await(5, TimeUnit.SECONDS)) {
                System.out.printf("  %d of %d agents accepted after %.0f s; %d answers said come back later%n",
                        accepted.size(), clusters.size(), (System.nanoTime() - started) / 1e9, sentAway.sum());
            }
        } finally {
            later.shutdownNow();
        }
        System.out.printf("  %d agents accepted in %.1f s; %d answers said come back later (Retry-After)%n",
                accepted.size(), (System.nanoTime() - started) / 1e9, sentAway.sum());
        if (accepted.size() < clusters.size()) {
            throw new IllegalStateException((clusters.size() - accepted.size())
                    + " clusters are still refused: are they imported?");
        }
    }

    private void firstHeartbeat(Agent agent, long deadline, ScheduledExecutorService later,
            CountDownLatch settled, LongAdder sentAway, Map<UUID, Boolean> accepted) {
        inFlight.acquireUninterruptibly();
        exchange(http, agent.heartbeat(), Buffer.buffer(heartbeatBody()), (response, error) -> {
                    inFlight.release();
                    if (error == null && response.statusCode() == 200) {
                        accepted.put(agent.id, true);
                        settled.countDown();
                        return;
                    }
                    Duration asked = error == null ? retryAfter(response.statusCode(),
                            response.getHeader("Retry-After")) : null;
                    if (asked != null) {
                        sentAway.increment();
                    }
                    long wait = comeBackIn(asked == null ? Duration.ofSeconds(1) : asked).toNanos();
                    if (System.nanoTime() + wait > deadline) {
                        settled.countDown();
                        return;
                    }
                    later.schedule(() -> firstHeartbeat(agent, deadline, later, settled, sentAway, accepted),
                            wait, TimeUnit.NANOSECONDS);
                });
    }

    /** The Retry-After (delay-seconds) of a 429 or 503, or null: no answer to wait for. */
    static Duration retryAfter(int status, String header) {
        if (status != 429 && status != 503 || header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A wait lengthened by a random part of up to half of it, never shortened (as the agent's backoff). */
    static Duration comeBackIn(Duration asked) {
        return asked.plusMillis(Math.round(asked.toMillis() * 0.5 * ThreadLocalRandom.current().nextDouble()));
    }

    private void heartbeat(Agent agent) {
        send(agent.heartbeat(), () -> Buffer.buffer(heartbeatBody()), "heartbeat", heartbeatsOk, heartbeatLatency, 0);
    }

    private void batch(Agent agent, int size, int objects) {
        send(agent.events(gzip), () -> body(batchBody(size, objects), gzip), "events", batchesOk, batchLatency, size);
    }

    private void inventory(Agent agent, int nodes) {
        send(agent.inventory(), () -> body(InventoryBodies.inventory(agent.id, nodes, Instant.now()), true),
                "inventory", inventoriesOk, inventoryLatency, 0);
    }

    /**
     * One report due now: counted as offered in the measured window, not sent (and counted so) when the driver is
     * at its in-flight limit, else timed; {@code events} is how many events an accepted one carries.
     */
    private void send(RequestOptions request, java.util.function.Supplier<Buffer> body, String what, LongAdder ok,
            Latencies latency, int events) {
        countOffered();
        if (!inFlight.tryAcquire()) {
            if (System.nanoTime() >= measuringSince.get()) {
                skipped.increment();
            }
            return;
        }
        // The clock starts before the body is made (and gzipped), as it did with the JDK client.
        long t0 = System.nanoTime();
        exchange(http, request, body.get(), (response, error) -> {
                    inFlight.release();
                    if (error == null && response.statusCode() == 200) {
                        if (t0 >= measuringSince.get()) {
                            ok.increment();
                            eventsAccepted.add(events);
                            latency.add(System.nanoTime() - t0);
                            noteIfSlow(t0);
                        }
                    } else {
                        fail(what, response, error);
                        countFailed(t0);
                    }
                });
    }

    private void announceDuring(int n) {
        List<UUID> fresh = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fresh.add(UUID.randomUUID());
        }
        long at = System.currentTimeMillis();
        try {
            LifecycleSeeder.announce(opt("kafka", ""), fresh, opt("project", "load"));
            summary.put("lifecycle_announced", String.valueOf(n));
            summary.put("lifecycle_announced_at_ms", String.valueOf(at));
            summary.put("lifecycle_announce_ms", String.valueOf(System.currentTimeMillis() - at));
            System.out.printf("Announced %d more clusters under load in %d ms%n", n, System.currentTimeMillis() - at);
        } catch (Exception e) {
            System.out.println("Could not announce under load: " + e);
        }
    }

    private void countOffered() {
        if (System.nanoTime() >= measuringSince.get()) {
            offered.increment();
        }
    }

    private void countFailed(long t0) {
        if (t0 >= measuringSince.get()) {
            failedMeasured.increment();
        }
    }

    /**
     * One read as a console makes it, timed: not bounded by the agents' in-flight limit (a person's browser is not
     * one of the agents). Reads run through the ramp as the agents do, and count only in the measured window: a
     * service meets agents and consoles together, and the first reads reaching a service warmed by agents alone
     * made the JIT throw away the compiled HTTP path (148 deoptimizations in one second at 5,000 agents) and
     * every request slow for the next seconds, which is a cold start, not the steady state measured here.
     */
    private void read(String name, URI uri, String token) {
        long t0 = System.nanoTime();
        exchange(readsClient, new RequestOptions().setAbsoluteURI(uri.toString()).setIdleTimeout(TIMEOUT_MS)
                        .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).putHeader(HttpHeaders.ACCEPT, JSON),
                null, (response, error) -> {
                    boolean measured = t0 >= measuringSince.get();
                    if (error == null && response.statusCode() == 200) {
                        if (measured) {
                            readLatency.computeIfAbsent(name, k -> new Latencies(200_000))
                                    .add(System.nanoTime() - t0);
                        }
                    } else {
                        fail("read " + name, response, error);
                        if (measured) {
                            readsFailed.increment();
                        }
                    }
                });
    }

    /** Counts a request slower than {@link #SLOW} under the second of the run it was sent in. */
    private void noteIfSlow(long t0) {
        long since = measuringSince.get();
        if (System.nanoTime() - t0 > SLOW.toNanos()) {
            slowBySecond.computeIfAbsent((t0 - since) / 1_000_000_000L, k -> new LongAdder()).increment();
        }
    }

    private void fail(String what, HttpClientResponse response, Throwable error) {
        String key = what + " " + (error != null ? error.getClass().getSimpleName() : response.statusCode());
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /**
     * One request on {@code client}; {@code then} gets the response once its body has been read to the end (the
     * answer is complete: what the latency is measured to), or the error.
     */
    private static void exchange(HttpClient client, RequestOptions request, Buffer body,
            BiConsumer<HttpClientResponse, Throwable> then) {
        Future<HttpClientResponse> answer = client.request(request)
                .compose(sent -> body == null ? sent.send() : sent.send(body))
                .compose(response -> response.body().map(response));
        answer.onComplete(done -> then.accept(done.result(), done.cause()));
    }

    /** The bytes of a report's body, gzip-compressed as the agent compresses them when {@code gzip}. */
    static Buffer body(String json, boolean gzip) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(gzip ? Gzip.compress(bytes) : bytes);
    }

    /**
     * Gzip at the agent's level (its GZIPOutputStream's default, {@link Deflater#DEFAULT_COMPRESSION}), with one
     * Deflater per thread reset between bodies instead of a new one (and its native state) per body.
     */
    static final class Gzip {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};
        private static final ThreadLocal<Gzip> PER_THREAD = ThreadLocal.withInitial(Gzip::new);
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final CRC32 crc = new CRC32();
        private byte[] out = new byte[16 * 1024];

        static byte[] compress(byte[] input) {
            return PER_THREAD.get().gzip(input);
        }

        private byte[] gzip(byte[] input) {
            deflater.reset();
            crc.reset();
            crc.update(input);
            deflater.setInput(input);
            deflater.finish();
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            int length = HEADER.length;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            byte[] zipped = Arrays.copyOf(out, length + 8);
            writeIntLe(zipped, length, (int) crc.getValue());
            writeIntLe(zipped, length + 4, input.length);
            return zipped;
        }

        private static void writeIntLe(byte[] b, int at, int value) {
            b[at] = (byte) value;
            b[at + 1] = (byte) (value >>> 8);
            b[at + 2] = (byte) (value >>> 16);
            b[at + 3] = (byte) (value >>> 24);
        }
    }

    /**
     * One simulated agent's requests, made once: its reports' paths and its Authorization header, which do not
     * change between its reports.
     */
    private static final class Agent {
        final UUID id;
        private final String host;
        private final int port;
        private final CharSequence authorization;

        Agent(URI base, UUID id, String token) {
            this.id = id;
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
            this.authorization = HttpHeaders.createOptimized("Bearer " + token);
        }

        RequestOptions heartbeat() {
            return report("heartbeat");
        }

        RequestOptions events(boolean gzip) {
            RequestOptions request = report("events");
            return gzip ? request.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP) : request;
        }

        RequestOptions inventory() {
            return report("inventory").putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
        }

        private RequestOptions report(String report) {
            return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                    .setURI(REPORTS + report).setIdleTimeout(TIMEOUT_MS)
                    .putHeader(HttpHeaders.AUTHORIZATION, authorization).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        }
    }

    private static final String REPORTS = "/api/v1/agent/reports/";

    private static String heartbeatBody() {
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"sentAt\":\"" + Instant.now()
                + "\",\"agentVersion\":\"load-0.1\",\"permissions\":\"read-only\"}";
    }

    private static String batchBody(int size, int objects) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String now = Instant.now().toString(); // formatted once per batch, not twice per event
        StringBuilder sb = new StringBuilder(size * 330).append("{\"reportId\":\"").append(UUID.randomUUID())
                .append("\",\"dropped\":0,\"events\":[");
        for (int i = 0; i < size; i++) {
            int object = random.nextInt(objects);
            String reason = REASONS[object % REASONS.length];
            sb.append(i == 0 ? "" : ",").append("{\"uid\":\"").append(UUID.randomUUID())
                    .append("\",\"type\":\"").append(object % 3 == 0 ? "Warning" : "Normal")
                    .append("\",\"reason\":\"").append(reason)
                    .append("\",\"message\":\"").append(reason).append(" for pod app-").append(object)
                    .append(" in namespace team-").append(object % 10)
                    .append("\",\"namespace\":\"team-").append(object % 10)
                    .append("\",\"objectKind\":\"Pod\",\"objectName\":\"app-").append(object)
                    .append("\",\"source\":\"kubelet\",\"count\":1,\"firstSeen\":\"").append(now)
                    .append("\",\"lastSeen\":\"").append(now).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private void report(int clusters, double seconds) {
        System.out.println();
        System.out.printf("Ran %.1f s with %d simulated clusters%n", seconds, clusters);
        System.out.printf("Heartbeats accepted: %d (%.0f/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                heartbeatsOk.sum(), heartbeatsOk.sum() / seconds, heartbeatLatency.percentile(50),
                heartbeatLatency.percentile(99), heartbeatLatency.percentile(100));
        System.out.printf("Events accepted: %d in %d batches (%.0f events/s); batch latency p50 %.1f ms, p99 %.1f ms%n",
                eventsAccepted.sum(), batchesOk.sum(), eventsAccepted.sum() / seconds, batchLatency.percentile(50),
                batchLatency.percentile(99));
        System.out.printf("Not sent (driver at --max-in-flight): %d%n", skipped.sum());
        long slow = slowBySecond.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("Requests over %d ms: %d, sent in %d of the run's %.0f seconds%s%n", SLOW.toMillis(), slow,
                slowBySecond.size(), seconds, slowBySecond.isEmpty() ? "" : slowBySecond.entrySet().stream()
                        .sorted(Map.Entry.<Long, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum))
                                .reversed())
                        .limit(10)
                        .map(e -> e.getKey() + "s:" + e.getValue().sum())
                        .collect(Collectors.joining(" ", "; the worst (second:count) ", "")));
        failures.forEach((k, v) -> System.out.printf("Failed: %s x%d%n", k, v.sum()));
        long accepted = heartbeatsOk.sum() + batchesOk.sum() + inventoriesOk.sum();
        if (inventoriesOk.sum() > 0) {
            System.out.printf("Inventories accepted: %d; latency p50 %.1f ms, p99 %.1f ms%n", inventoriesOk.sum(),
                    inventoryLatency.percentile(50), inventoryLatency.percentile(99));
        }
        readLatency.forEach((name, l) -> System.out.printf("Read %s: %d, p50 %.1f ms, p99 %.1f ms%n", name,
                l.count(), l.percentile(50), l.percentile(99)));
        summary.put("clusters", String.valueOf(clusters));
        summary.put("seconds", String.format("%.1f", seconds));
        summary.put("offered", String.valueOf(offered.sum()));
        summary.put("accepted", String.valueOf(accepted));
        summary.put("not_sent", String.valueOf(skipped.sum()));
        summary.put("failed", String.valueOf(failedMeasured.sum()));
        summary.put("heartbeat_p50_ms", String.format("%.1f", heartbeatLatency.percentile(50)));
        summary.put("heartbeat_p99_ms", String.format("%.1f", heartbeatLatency.percentile(99)));
        summary.put("batch_p50_ms", String.format("%.1f", batchLatency.percentile(50)));
        summary.put("batch_p99_ms", String.format("%.1f", batchLatency.percentile(99)));
        summary.put("inventories", String.valueOf(inventoriesOk.sum()));
        summary.put("inventory_p99_ms", String.format("%.1f", inventoryLatency.percentile(99)));
        summary.put("events_per_s", String.format("%.0f", eventsAccepted.sum() / seconds));
        summary.put("offered_events_per_s", String.format("%.0f", offeredEventsPerSecond));
        summary.put("accepted_per_s", String.format("%.0f", accepted / seconds));
        readLatency.forEach((name, l) -> {
            summary.put("read_" + name.replace('-', '_') + "_p99_ms", String.format("%.1f", l.percentile(99)));
            summary.put("read_" + name.replace('-', '_') + "_timed", String.valueOf(l.count()));
        });
        summary.put("reads_failed", String.valueOf(readsFailed.sum()));
        summary.put("slow_seconds", slowBySecond.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "s:" + e.getValue().sum()).collect(Collectors.joining(" ")));
        if (summary.containsKey("service_cpu_s") && accepted > 0) {
            summary.put("cpu_ms_per_request", String.format("%.3f",
                    Double.parseDouble(summary.get("service_cpu_s")) * 1000 / accepted));
            System.out.printf("Service CPU %s s in the measured window: %s ms per accepted request; resident memory "
                    + "max %s MB%n", summary.get("service_cpu_s"), summary.get("cpu_ms_per_request"),
                    summary.get("service_rss_mb_max"));
        }
    }

    /** 90s, 10m, 1h as java.time reads them after "PT"; also 250ms. */
    static Duration duration(String text) {
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : Duration.parse("PT" + text.toUpperCase());
    }

    private String opt(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private static void requireLoopback(String host, String option) throws Exception {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(option + " must point at this machine (loopback), not " + host);
            }
        }
    }

    /** Latencies in nanoseconds, kept up to a fixed count. */
    static final class Latencies {
        private final long[] values;
        private final AtomicLong count = new AtomicLong();

        Latencies(int capacity) {
            values = new long[capacity];
        }

        void add(long nanos) {
            long i = count.getAndIncrement();
            if (i < values.length) {
                values[(int) i] = nanos;
            }
        }

        long count() {
            return count.get();
        }

        /** In milliseconds; 0 when nothing was recorded. */
        double percentile(double p) {
            int n = (int) Math.min(count.get(), values.length);
            if (n == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
            return sorted[index] / 1e6;
        }
    }
}
