package io.mooring.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Kubernetes API request path taken apart: group ("" for the core group), version, namespace, resource,
 * name and subresource, plus the decoded query parameters. Discovery paths ({@code /api/v1}, {@code /apis/apps/v1})
 * have a version but no resource.
 */
record ApiPath(
        String path,
        boolean api,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource,
        Map<String, String> query) {

    static ApiPath parse(String rawPath) {
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : parseQuery(rawPath.substring(q + 1));
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
        if (segments.length == 0 || !(segments[0].equals("api") || segments[0].equals("apis"))) {
            return new ApiPath(path, false, null, null, null, null, null, null, query);
        }
        boolean core = segments[0].equals("api");
        int rest = core ? 2 : 3;
        String group = core ? "" : segments.length > 1 ? segments[1] : null;
        String version = segments.length >= rest ? segments[rest - 1] : null;
        String namespace = null;
        String resource = null;
        String name = null;
        String subresource = null;
        int remaining = segments.length - rest;
        if (remaining > 0) {
            boolean namespaced = segments[rest].equals("namespaces") && remaining >= 3
                    && !(remaining == 3 && (segments[rest + 2].equals("status") || segments[rest + 2].equals("finalize")));
            if (namespaced) {
                namespace = segments[rest + 1];
                resource = segments[rest + 2];
                name = remaining > 3 ? segments[rest + 3] : null;
                subresource = remaining > 4 ? segments[rest + 4] : null;
            } else {
                resource = segments[rest];
                name = remaining > 1 ? segments[rest + 1] : null;
                subresource = remaining > 2 ? segments[rest + 2] : null;
            }
        }
        return new ApiPath(path, true, group, version, namespace, resource, name, subresource, query);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}: the resource list of one group version. */
    boolean isGroupVersionDiscovery() {
        return api && version != null && resource == null;
    }

    boolean isWatch() {
        return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
    }

    /** The RBAC verb the request needs. */
    String verb(String method) {
        switch (method) {
            case "GET":
            case "HEAD":
                return isWatch() ? "watch" : name == null ? "list" : "get";
            case "POST":
                return "create";
            case "PUT":
                return "update";
            case "PATCH":
                return "patch";
            case "DELETE":
                return name == null ? "deletecollection" : "delete";
            default:
                return method.toLowerCase(Locale.ROOT);
        }
    }
}
