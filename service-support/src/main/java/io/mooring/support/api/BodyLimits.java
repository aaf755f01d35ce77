package io.mooring.support.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The body limit of every route ({@code mooring.http.body-limit} and {@code mooring.http.body-limits.*}),
 * counted on the bytes as they arrive, after Netty has undone any {@code Content-Encoding}: a small gzip body
 * that inflates past its route's limit, or a chunked body with no length announced, is refused as soon as
 * the limit is passed, with a 413 problem, and never held in memory whole.
 *
 * <p>This handler reads the body itself, ahead of Quarkus REST, and hands it on as the routing context's
 * body, which Quarkus REST then uses instead of reading the request again. A body announced larger than the
 * limit ({@code Content-Length}, no encoding) is refused before it is read. After a refusal the rest of the
 * body is read and dropped (up to {@link #DRAIN_LIMIT} or {@link #DRAIN_MILLIS}, then the connection is
 * closed): closing at once, with the client's bytes still unread, resets the connection, and the client
 * (or the gateway in front) then sees a broken connection instead of the 413.
 *
 * <p>It also bounds the bytes of all bodies held at once ({@code mooring.http.bodies-in-progress}): a body is held
 * from its first byte to the end of its answer, which for an agent's event batch includes its wait for the
 * database. Past the bound a request is answered 503 with {@code Retry-After} and its body drained like a 413's.
 * Without it, 1,000 agents offering 40,000 events/s filled health-service's heap with parsed batches whose senders
 * had timed out, and the service answered nothing at all.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String READ_HERE = BodyLimits.class.getName() + ".read";
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    static final long DRAIN_MILLIS = 10_000;

    /** A rule ready to match: the most specific rule (exact path, then longest prefix, then with method) wins. */
    record Rule(RoutePattern route, long max) {
    }

    private final long defaultMax;
    private final List<Rule> rules;
    private final ObjectMapper json;
    private final long budget;
    private final Duration busyRetryAfter;
    private final AtomicLong held = new AtomicLong();

    public BodyLimits(HttpEdgeConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize serviceMax, ObjectMapper json) {
        this.defaultMax = config.bodyLimit().orElse(serviceMax).asLongValue();
        this.rules = config.bodyLimits().values().stream().map(BodyLimits::rule)
                .sorted(Comparator.comparingInt((Rule rule) -> rule.route().specificity()).reversed())
                .toList();
        this.json = json;
        this.budget = config.bodiesInProgress().map(MemorySize::asLongValue).orElse(4 * serviceMax.asLongValue());
        this.busyRetryAfter = config.busyRetryAfter();
    }

    /** Bytes of the bodies held now (read, and not yet answered). */
    public long heldBytes() {
        return held.get();
    }

    private static Rule rule(HttpEdgeConfig.RouteLimit limit) {
        return new Rule(RoutePattern.of(limit.path(), limit.method()), limit.max().asLongValue());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::limit);
    }

    long limitFor(HttpMethod method, String path) {
        for (Rule rule : rules) {
            if (rule.route().matches(method, path)) {
                return rule.max();
            }
        }
        return defaultMax;
    }

    private void limit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded() || !hasBody(request)) {
            ctx.next();
            return;
        }
        long max = limitFor(request.method(), ctx.normalizedPath());
        long announced = announcedLength(request);
        if (request.version() == HttpVersion.HTTP_2 && announced <= max) {
            // Quarkus REST pauses every request it takes, and an HTTP/2 request whose body was read whole refuses
            // to be paused: only the announced length can be checked here. The services speak HTTP/1.1
            // (quarkus.http.http2=false in the shared defaults); HTTP/2 is the gateway's to terminate.
            ctx.next();
            return;
        }
        boolean waiting = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        if (announced > max || announced > 0 && !fits(announced)) {
            // Nothing decoded it yet, so the announced length is the body's. With Expect: 100-continue the
            // client has not sent it and waits for our answer; otherwise it is on its way and gets drained.
            Problem problem = announced > max ? tooLarge(max) : busy(ctx);
            if (waiting) {
                RequestGuard.send(ctx, json, problem, true);
            } else {
                refuseAndDrain(ctx, problem, 0);
            }
            return;
        }
        if (waiting) {
            ctx.response().writeContinue();
        }
        Buffer body = Buffer.buffer((int) Math.min(Math.max(announced, 1024), Math.min(max, 1024 * 1024)));
        // Bytes this request holds of the budget; given back when its answer ends, or at once if it is refused.
        long[] received = {0};
        boolean[] refused = {false};
        ctx.addEndHandler(done -> held.addAndGet(-received[0]));
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            long before = held.getAndAdd(chunk.length());
            long others = before - received[0];
            received[0] += chunk.length();
            boolean tooLarge = received[0] > max;
            if (tooLarge || others > 0 && before + chunk.length() > budget) {
                refused[0] = true;
                held.addAndGet(-received[0]);
                long read = received[0];
                received[0] = 0;
                refuseAndDrain(ctx, tooLarge ? tooLarge(max) : busy(ctx), read);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.put(READ_HERE, body);
                ctx.next();
            }
        });
        request.resume();
    }

    /** Whether a body of {@code length} bytes may be read now: others hold none, or it fits beside them. */
    private boolean fits(long length) {
        long now = held.get();
        return now == 0 || now + length <= budget;
    }

    /** Answers the problem now, then reads and drops the rest of the body so the client can read the answer. */
    private void refuseAndDrain(RoutingContext ctx, Problem problem, long alreadyRead) {
        HttpServerRequest request = ctx.request();
        long[] drained = {alreadyRead};
        long timer = ctx.vertx().setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                ctx.vertx().cancelTimer(timer);
                request.handler(null);
                request.connection().close();
            }
        });
        request.endHandler(v -> ctx.vertx().cancelTimer(timer));
        RequestGuard.send(ctx, json, problem, false);
        request.resume();
    }

    /**
     * Quarkus REST reads the body from the routing context only while the request is still open; once this
     * handler has read it whole, the request has ended and Quarkus REST would see an empty body. Handing the
     * read body over as the entity stream, before anything else reads, closes that gap.
     */
    @ServerRequestFilter(preMatching = true)
    public void handOver(ContainerRequestContext request, RoutingContext ctx) {
        Buffer body = ctx.get(READ_HERE);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }

    /** The 503 of a body refused for the budget; sets its Retry-After on the answer. */
    private Problem busy(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, busyRetryAfter.toSeconds())));
        return new Problem(Problem.TYPE_BASE + "service-busy", "Service busy", 503,
                "The service holds as many request bodies as it may at once; send this request again later.",
                List.of());
    }

    private static Problem tooLarge(long max) {
        return new Problem(Problem.TYPE_BASE + "body-too-large", "Body too large", 413,
                "The request body is larger than the limit of " + max + " bytes for this route.", List.of());
    }

    /** HTTP/1.x has a body only when it says so; an HTTP/2 request that has not ended may have one. */
    private static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return true;
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || announcedLength(request) > 0;
    }

    private static long announcedLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
