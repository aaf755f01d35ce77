package io.mooring.localstack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's gateway: one port in front of the services, routed by {@link GatewayRoutes} and
 * forwarded by Vert.x's reverse proxy (streaming, so Server-Sent Events pass through).
 */
public final class Gateway implements AutoCloseable {

    private static final String NOT_ROUTED = """
            {"type":"https://mooring.io/problems/not-found","title":"Not Found","status":404,\
            "detail":"No Mooring service serves this path."}""";

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts the gateway on {@code port}; {@code upstreamPorts} maps each upstream name to a local port. */
    public static Gateway start(int port, GatewayRoutes routes, Map<String, Integer> upstreamPorts) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64)));
        proxy.originSelector(request -> {
            GatewayRoutes.Target target = routes.resolve(request.uri()).orElseThrow();
            Integer upstreamPort = upstreamPorts.get(target.upstream());
            return upstreamPort == null
                    ? Future.failedFuture("No port for upstream " + target.upstream())
                    : Future.succeededFuture(SocketAddress.inetSocketAddress(upstreamPort, "127.0.0.1"));
        });
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                routes.resolve(context.request().getURI()).ifPresent(t -> context.request().setURI(t.uri()));
                return context.sendRequest();
            }
        });
        HttpServer server = vertx.createHttpServer().requestHandler(request -> route(request, routes, proxy));
        server.listen(port, "0.0.0.0").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Gateway(vertx, server);
    }

    private static void route(HttpServerRequest request, GatewayRoutes routes, HttpProxy proxy) {
        Optional<GatewayRoutes.Target> target = routes.resolve(request.uri());
        if (target.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end(NOT_ROUTED);
            return;
        }
        proxy.handle(request);
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
