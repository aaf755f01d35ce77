package io.mooring.health.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.health.config.HealthConfig;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Body limits per route, tighter than the global one (which inventories of large clusters need): a
 * heartbeat is tiny, an event batch moderate, user routes take no real body. A body announced larger than
 * its route's limit gets a problem+json 413 before it is read.
 */
@ApplicationScoped
public class RouteBodyLimits {

    private static final String AGENT = "/api/v1/agent/reports/";

    private final HealthConfig.Limits limits;
    private final ObjectMapper json;

    public RouteBodyLimits(HealthConfig config, ObjectMapper json) {
        this.limits = config.limits();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long max = limitFor(ctx.normalizedPath());
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced > max) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem(max));
                return;
            }
        }
        ctx.next();
    }

    long limitFor(String path) {
        if (path.startsWith(AGENT)) {
            String rest = path.substring(AGENT.length());
            if (rest.startsWith("heartbeat")) {
                return limits.heartbeatBody().asLongValue();
            }
            if (rest.startsWith("events")) {
                return limits.eventsBody().asLongValue();
            }
            if (rest.startsWith("inventory")) {
                return limits.inventoryBody().asLongValue();
            }
        }
        return limits.otherBody().asLongValue();
    }

    private String problem(long max) {
        try {
            return json.writeValueAsString(new ProblemException(413, "body-too-large", "Body too large",
                    "The request body is larger than the limit of " + max + " bytes for this route.").toProblem());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
