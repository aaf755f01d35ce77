package io.mooring.support.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Refuses, with a problem, requests the HTTP layer would otherwise refuse with an empty or plain-text answer
 * before the API's mappers see them: an over-long request target (414), over-large headers (431), and a
 * path or query string that is not validly percent-encoded or not a URI at all (400, naming the parameter
 * where it can; see {@link UriValidationHandOver} for how such a request gets this far).
 *
 * <p>Vert.x answers the first two itself (its invalid-request handler, which Quarkus gives no way to
 * replace) when Netty's decoder limits are passed. So Netty's limits are set well above Mooring's own
 * ({@code mooring.http.max-uri-length}, {@code mooring.http.max-header-size}), which this handler enforces
 * as the first route; Netty's stay as a backstop against requests far past any sane size. Any other 4xx
 * failure Vert.x Web raises without a body (its 400s for a missing Host header, say) gets a problem body from
 * the failure handler.
 */
@ApplicationScoped
public class RequestGuard {

    private final HttpEdgeConfig config;
    private final ObjectMapper json;

    public RequestGuard(HttpEdgeConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::bodylessFailure);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri();
        if (uri.length() > config.maxUriLength()) {
            refuse(ctx, new Problem(Problem.TYPE_BASE + "uri-too-long", "URI too long", 414,
                    "The request target is longer than " + config.maxUriLength() + " characters.", List.of()));
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > config.maxHeaderSize().asLongValue()) {
            refuse(ctx, new Problem(Problem.TYPE_BASE + "headers-too-large", "Request header fields too large", 431,
                    "The request headers are larger than " + config.maxHeaderSize().asLongValue() + " bytes.",
                    List.of()));
            return;
        }
        Problem.FieldError badEscape = badEscape(uri);
        if (badEscape != null) {
            refuse(ctx, new Problem(Problem.TYPE_BASE + "invalid-request", "Invalid request", 400,
                    "The request is not valid.", List.of(badEscape)));
            return;
        }
        if (!isUri(uri)) {
            refuse(ctx, new Problem(Problem.TYPE_BASE + "invalid-request", "Invalid request", 400,
                    "The request target is not a valid URI; percent-encode what the query carries.", List.of()));
            return;
        }
        ctx.next();
    }

    /** The first part of the target that does not percent-decode, named as the caller wrote it. */
    static Problem.FieldError badEscape(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!decodes(path, false)) {
            return new Problem.FieldError("path", "is not validly percent-encoded");
        }
        if (query < 0) {
            return null;
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!decodes(name, true)) {
                return new Problem.FieldError("query", "has a parameter name that is not validly percent-encoded");
            }
            if (equals >= 0 && !decodes(pair.substring(equals + 1), true)) {
                return new Problem.FieldError(QueryStringDecoder.decodeComponent(name),
                        "is not validly percent-encoded");
            }
        }
        return null;
    }

    /** The check Quarkus makes before routing, which {@link UriValidationHandOver} hands over to this class. */
    private static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean decodes(String part, boolean query) {
        try {
            if (query) {
                QueryStringDecoder.decodeComponent(part);
            } else {
                new QueryStringDecoder(part).path();
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A 4xx failure raised below the API (Vert.x Web itself) would otherwise be answered with an empty body. */
    private void bodylessFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || status >= 500 || status == 401 || status == 403 || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String title = HttpResponseTitles.of(status);
        String detail = ctx.failure() != null && ctx.failure().getMessage() != null
                ? ctx.failure().getMessage()
                : "The request could not be read.";
        refuse(ctx, new Problem(Problem.TYPE_BASE + HttpResponseTitles.slug(title), title, status, detail, List.of()));
    }

    private void refuse(RoutingContext ctx, Problem problem) {
        send(ctx, json, problem, true);
    }

    /** Answers with a problem straight from the router, before Quarkus REST; {@code close} ends the connection. */
    static void send(RoutingContext ctx, ObjectMapper json, Problem problem, boolean close) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(body);
    }
}
