package io.mooring.support.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Limits the HTTP edge enforces itself, so that what it refuses is answered with a problem like every other
 * error (see {@link RequestGuard} and {@link BodyLimits}).
 */
@ConfigMapping(prefix = "mooring.http")
public interface HttpEdgeConfig {

    /**
     * Longest request target (path and query) accepted; longer is a 414 problem. Netty's own limit
     * ({@code quarkus.http.limits.max-initial-line-length}) is set higher, as a backstop only: past it Netty
     * refuses the request before any handler runs, with an empty answer.
     */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest total size of the request headers; larger is a 431 problem. Netty's backstop is higher too. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /**
     * Body limit of routes no {@link #bodyLimits() rule} names; unset: {@code quarkus.http.limits.max-body-size}.
     * Counted on the body as the service reads it, after any {@code Content-Encoding} is undone.
     */
    Optional<MemorySize> bodyLimit();

    /** Per-route body limits, by any name: the most specific rule that matches a request applies. */
    Map<String, RouteLimit> bodyLimits();

    /**
     * Request bodies held at once, in bytes, counted from their first byte read to the end of their answer (a body
     * waiting in a queue to be written is held); unset: four times {@code quarkus.http.limits.max-body-size}. A
     * body that would take the total past it is refused with a 503 problem and {@link #busyRetryAfter()}, before
     * it is parsed, so a flood of requests slows the service down instead of filling its heap. A body is always
     * taken when no other is held, so a bound below a route's limit never closes that route.
     */
    Optional<MemorySize> bodiesInProgress();

    /** The {@code Retry-After} of a body refused because {@link #bodiesInProgress()} is reached. */
    @WithDefault("2s")
    Duration busyRetryAfter();

    /**
     * Routes announced as deprecated, by any name: every answer they give carries {@code Deprecation} and, once set,
     * {@code Sunset} ({@link RouteDeprecations}); the OpenAPI document marks their operations {@code deprecated}.
     */
    Map<String, DeprecatedRoute> deprecations();

    interface DeprecatedRoute {
        /** A request path, matched exactly; ending in {@code /*}, every path under it (and the path itself). */
        String path();

        /** The HTTP method that is deprecated; unset, every method. */
        Optional<String> method();

        /** When it was deprecated (ISO-8601), answered as {@code Deprecation: @<unix seconds>} (RFC 9745). */
        Instant since();

        /** When it stops being served (ISO-8601), answered as {@code Sunset: <HTTP-date>} (RFC 8594). */
        Optional<Instant> sunset();

        /** The notice that explains it and names the replacement, answered as {@code Link: <...>; rel="deprecation"}. */
        Optional<String> link();
    }

    interface RouteLimit {
        /** A request path, matched exactly; ending in {@code /*}, every path under it (and the path itself). */
        String path();

        /** The HTTP method the rule is for; unset, every method. */
        Optional<String> method();

        /** The largest body accepted on this route. */
        MemorySize max();
    }
}
