package io.mooring.simulator.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for health-service's agent endpoints on a random loopback port: answers each report 200 with the
 * acknowledgement health-service sends, and, when asked, each token's first heartbeat 503 with Retry-After (a
 * cluster whose import has not arrived yet), so that the driver's request path is exercised without the service.
 * Also a {@code main} for measuring the driver's own CPU against it: {@code FakeHealthService <port>}.
 */
final class FakeHealthService implements AutoCloseable {

    static final String HEARTBEAT_ACK = "{\"clusterId\":\"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11\",\"accepted\":true,"
            + "\"health\":\"Healthy\"}";
    static final String EVENTS_ACK = "{\"clusterId\":\"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11\",\"accepted\":10,"
            + "\"entries\":10,\"duplicate\":false}";
    static final String INVENTORY_ACK = "{\"clusterId\":\"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11\",\"accepted\":true,"
            + "\"nodes\":50}";

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpServer server;
    private final boolean firstHeartbeatRefused;
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    final LongAdder retryAfterSent = new LongAdder();
    final LongAdder gzipped = new LongAdder();
    final AtomicReference<String> lastEvents = new AtomicReference<>();
    final AtomicReference<String> lastHeartbeat = new AtomicReference<>();
    final Set<String> authorizations = ConcurrentHashMap.newKeySet();

    FakeHealthService(int port, boolean firstHeartbeatRefused) {
        this.firstHeartbeatRefused = firstHeartbeatRefused;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            String report = path.substring(path.lastIndexOf('/') + 1);
            String auth = request.getHeader("Authorization");
            authorizations.add(auth == null ? "" : auth);
            boolean zipped = "gzip".equals(request.getHeader("Content-Encoding"));
            if (zipped) {
                gzipped.increment();
            }
            if (report.equals("heartbeat") && firstHeartbeatRefused && refusedOnce.add(String.valueOf(auth))) {
                retryAfterSent.increment();
                request.response().setStatusCode(503).putHeader("Retry-After", "1")
                        .putHeader("Content-Type", "application/problem+json")
                        .end("{\"title\":\"Cluster not known yet\",\"status\":503}");
                return;
            }
            String ack = switch (report) {
                case "heartbeat" -> HEARTBEAT_ACK;
                case "events" -> EVENTS_ACK;
                case "inventory" -> INVENTORY_ACK;
                default -> null;
            };
            if (ack == null) {
                request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"UP\",\"checks\":[]}");
                answered.computeIfAbsent("other", k -> new LongAdder()).increment();
                return;
            }
            if (mustKeep(report)) {
                String text = zipped ? gunzip(body) : body.toString(StandardCharsets.UTF_8);
                (report.equals("events") ? lastEvents : lastHeartbeat).set(text);
            }
            answered.computeIfAbsent(report, k -> new LongAdder()).increment();
            request.response().putHeader("Content-Type", "application/json").end(ack);
        });
    }

    /** Kept for the tests; the CPU measurement's server does not spend its time decoding. */
    private boolean mustKeep(String report) {
        return firstHeartbeatRefused && (report.equals("events") || report.equals("heartbeat"));
    }

    long answered(String report) {
        LongAdder n = answered.get(report);
        return n == null ? 0 : n.sum();
    }

    static String gunzip(Buffer body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    public static void main(String[] args) throws Exception {
        FakeHealthService service = new FakeHealthService(Integer.parseInt(args[0]), false);
        System.out.println("READY " + service.port());
        // Requests answered so far, each second: the measurement divides the driver's CPU by these. Vert.x's
        // event loop is not a daemon thread, so the program runs until it is stopped.
        service.vertx.setPeriodic(1000, id -> {
            long total = service.answered.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.println(System.currentTimeMillis() / 1000 + " " + total);
        });
    }
}
