package io.mooring.addon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.addon.config.AddonConfig;
import io.mooring.support.api.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Publishing a profile may carry chart archives, so the service-wide body limit
 * ({@code quarkus.http.limits.max-body-size}) is set high enough for it; every other route keeps the usual
 * {@code mooring.addon.request-body-limit} (1M), refused here with a problem+json 413 before the body is read.
 * Runs right after the shared {@code BodySizeLimit}, which answers bodies over the service-wide limit.
 */
@ApplicationScoped
public class RouteBodyLimits {

    static final String PUBLISH_PATH = "/api/v1/addon-profiles";

    private final long limit;
    private final String problem;

    public RouteBodyLimits(AddonConfig config, ObjectMapper json) throws JsonProcessingException {
        this.limit = config.requestBodyLimit().asLongValue();
        this.problem = json.writeValueAsString(new Problem(Problem.TYPE_BASE + "body-too-large",
                "Body too large", 413, "The request body is larger than the limit of " + limit + " bytes.",
                List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && !isPublish(ctx.request().method(), ctx.normalizedPath()) && isOver(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
                return;
            }
            ctx.next();
        });
    }

    static boolean isPublish(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && (PUBLISH_PATH.equals(path) || (PUBLISH_PATH + "/").equals(path));
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
