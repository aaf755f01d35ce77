package io.mooring.localstack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The local stack's gateway: one port in front of the services, routed by {@link GatewayRoutes} and
 * forwarded by Vert.x's reverse proxy (streaming, so Server-Sent Events pass through). The files nginx serves
 * itself come from this module's class path ({@code gateway/<alias path under /etc/nginx/mooring/>}, copied from
 * docs/api/).
 * An upstream with several instances gets each new request on the next one in turn (round robin, as nginx
 * balances an upstream block and a Kubernetes Service spreads connections), so a client's consecutive requests,
 * and an agent's reports, land on different replicas.
 */
public final class Gateway implements AutoCloseable {

    private static final String NOT_ROUTED = """
            {"type":"https://mooring.io/problems/not-found","title":"Not Found","status":404,\
            "detail":"No Mooring service serves this path."}""";
    private static final String NOT_ALLOWED = """
            {"type":"https://mooring.io/problems/method-not-allowed","title":"Method Not Allowed","status":405,\
            "detail":"This file is only read: GET or HEAD."}""";

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts the gateway on {@code port}; {@code upstreamPorts} maps each upstream name to a local port. */
    public static Gateway start(int port, GatewayRoutes routes, Map<String, Integer> upstreamPorts) throws Exception {
        return startBalancing(port, routes, upstreamPorts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
    }

    /** Starts the gateway on {@code port}; {@code upstreamPorts} maps each upstream name to its instances' ports. */
    public static Gateway startBalancing(int port, GatewayRoutes routes, Map<String, List<Integer>> upstreamPorts)
            throws Exception {
        return startBalancing(port, routes, upstreamPorts, Map.of());
    }

    /**
     * As {@link #startBalancing(int, GatewayRoutes, Map)}, with the web console's files from the class path
     * ({@code console/}, the console module's jar) at the root when the routes serve it, and {@code consoleFiles}
     * (path to content, such as {@code /config.json}) in place of or beside them.
     */
    public static Gateway startBalancing(int port, GatewayRoutes routes, Map<String, List<Integer>> upstreamPorts,
            Map<String, byte[]> consoleFiles) throws Exception {
        Map<String, AtomicInteger> turns = new HashMap<>();
        upstreamPorts.keySet().forEach(upstream -> turns.put(upstream, new AtomicInteger()));
        Map<String, Buffer> files = new HashMap<>();
        for (GatewayRoutes.StaticFile file : routes.staticFiles()) {
            files.put(file.path(), Buffer.buffer(bundled(file.fileName())));
        }
        Vertx vertx = Vertx.vertx();
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64)));
        proxy.originSelector(request -> {
            GatewayRoutes.Target target = routes.resolve(request.uri()).orElseThrow();
            List<Integer> instances = upstreamPorts.get(target.upstream());
            if (instances == null || instances.isEmpty()) {
                return Future.failedFuture("No port for upstream " + target.upstream());
            }
            int next = Math.floorMod(turns.get(target.upstream()).getAndIncrement(), instances.size());
            return Future.succeededFuture(SocketAddress.inetSocketAddress(instances.get(next), "127.0.0.1"));
        });
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                routes.resolve(context.request().getURI()).ifPresent(t -> context.request().setURI(t.uri()));
                return context.sendRequest();
            }
        });
        Map<String, Buffer> console = new ConcurrentHashMap<>();
        consoleFiles.forEach((path, content) -> console.put(path, Buffer.buffer(content)));
        // As nginx, the gateway it stands in for: HTTP/1.1 only, an "Upgrade: h2c" is ignored. Vert.x accepts the
        // upgrade by default, and the JDK's HTTP client, which asks for it, once failed mid-response on the 380 KB
        // OpenAPI document with a frame error (GeneratedClientEndToEndTest).
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(request -> route(request, routes, proxy, files, console));
        server.listen(port, "0.0.0.0").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Gateway(vertx, server);
    }

    private static void route(HttpServerRequest request, GatewayRoutes routes, HttpProxy proxy,
            Map<String, Buffer> files, Map<String, Buffer> console) {
        Optional<GatewayRoutes.StaticFile> file = routes.staticFile(request.uri());
        if (file.isPresent()) {
            serve(request, file.get(), files.get(file.get().path()));
            return;
        }
        Optional<GatewayRoutes.Target> target = routes.resolve(request.uri());
        Optional<Buffer> consoleFile = target.isEmpty() && routes.servesConsole()
                ? consoleFile(request.path(), console) : Optional.empty();
        if (consoleFile.isPresent()) {
            String path = request.path().equals("/") ? "/index.html" : request.path();
            serve(request, new GatewayRoutes.StaticFile(path, contentType(path), path), consoleFile.get());
            return;
        }
        if (target.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end(NOT_ROUTED);
            return;
        }
        proxy.handle(request);
    }

    private static void serve(HttpServerRequest request, GatewayRoutes.StaticFile file, Buffer content) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
                    .putHeader("Content-Type", "application/problem+json").end(NOT_ALLOWED);
            return;
        }
        request.response().putHeader("Content-Type", file.contentType()).putHeader("X-Content-Type-Options", "nosniff");
        if (request.method() == HttpMethod.HEAD) {
            request.response().putHeader("Content-Length", String.valueOf(content.length())).end();
        } else {
            request.response().end(content);
        }
    }

    /** A console file by request path, read once from the class path; none for paths that try to climb out. */
    private static Optional<Buffer> consoleFile(String path, Map<String, Buffer> console) {
        String file = path.equals("/") ? "/index.html" : path;
        if (file.contains("..") || file.contains("//") || file.endsWith("/")) {
            return Optional.empty();
        }
        Buffer known = console.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream in = Gateway.class.getResourceAsStream("/console" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            Buffer content = Buffer.buffer(in.readAllBytes());
            console.put(file, content);
            return Optional.of(content);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> "application/octet-stream";
        };
    }

    private static byte[] bundled(String fileName) throws IOException {
        try (InputStream in = Gateway.class.getResourceAsStream("/gateway/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("gateway/" + fileName + ", which nginx.conf serves, is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Stopping anyway.
        }
    }

}
