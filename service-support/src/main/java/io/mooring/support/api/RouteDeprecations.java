package io.mooring.support.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Announces the routes configuration marks as deprecated ({@code mooring.http.deprecations.*}) on every answer they
 * give: {@code Deprecation: @<unix seconds>} (RFC 9745), {@code Sunset: <HTTP-date>} (RFC 8594) once a date is set,
 * and {@code Link: <notice>; rel="deprecation"}. Retiring a route is then a configuration change, not a code one
 * (the policy: docs/api.md, "Versions and deprecation").
 */
@ApplicationScoped
public class RouteDeprecations {

    /** IMF-fixdate, the HTTP-date every recipient must accept: two-digit day, GMT. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    record Deprecated(RoutePattern route, Instant since, Instant sunset, String link) {
    }

    private final List<Deprecated> routes;

    public RouteDeprecations(HttpEdgeConfig config) {
        this.routes = config.deprecations().values().stream()
                .map(d -> new Deprecated(RoutePattern.of(d.path(), d.method()), d.since(), d.sunset().orElse(null),
                        d.link().orElse(null)))
                .sorted(Comparator.comparingInt((Deprecated d) -> d.route().specificity()).reversed())
                .toList();
    }

    void install(@Observes Router router) {
        if (!routes.isEmpty()) {
            router.route().order(Integer.MIN_VALUE + 2).handler(this::announce);
        }
    }

    private void announce(RoutingContext ctx) {
        for (Deprecated deprecated : routes) {
            if (deprecated.route().matches(ctx.request().method(), ctx.normalizedPath())) {
                ctx.addHeadersEndHandler(v -> {
                    ctx.response().putHeader("Deprecation", "@" + deprecated.since().getEpochSecond());
                    if (deprecated.sunset() != null) {
                        ctx.response().putHeader("Sunset", HTTP_DATE.format(deprecated.sunset()));
                    }
                    if (deprecated.link() != null) {
                        ctx.response().putHeader("Link", "<" + deprecated.link() + ">; rel=\"deprecation\"");
                    }
                });
                break;
            }
        }
        ctx.next();
    }
}
