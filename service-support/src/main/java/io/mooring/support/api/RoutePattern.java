package io.mooring.support.api;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/**
 * A route named in configuration: a path, matched exactly, or ending in {@code /*}, every path under it (and the
 * path itself); optionally one HTTP method. Where several match a request, the most specific wins: an exact path
 * before a prefix, a longer one before a shorter, one with a method before one without.
 */
record RoutePattern(String path, boolean prefix, HttpMethod method) {

    static RoutePattern of(String path, Optional<String> method) {
        String trimmed = path.trim();
        boolean prefix = trimmed.endsWith("/*");
        return new RoutePattern(prefix ? trimmed.substring(0, trimmed.length() - 2) : trimmed, prefix,
                method.map(m -> HttpMethod.valueOf(m.trim().toUpperCase())).orElse(null));
    }

    boolean matches(HttpMethod requestMethod, String requestPath) {
        if (method != null && !method.equals(requestMethod)) {
            return false;
        }
        String p = requestPath.length() > 1 && requestPath.endsWith("/")
                ? requestPath.substring(0, requestPath.length() - 1)
                : requestPath;
        return p.equals(path) || (prefix && p.startsWith(path + "/"));
    }

    int specificity() {
        return (prefix ? 0 : 1_000_000) + path.length() * 2 + (method != null ? 1 : 0);
    }
}
