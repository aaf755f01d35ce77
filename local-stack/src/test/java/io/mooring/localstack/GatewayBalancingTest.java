package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway in front of several instances of a service takes them in turn. */
class GatewayBalancingTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<HttpServer> instances = new ArrayList<>();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        instances.forEach(server -> server.stop(0));
    }

    @Test
    void requestsToAServiceWithThreeInstancesGoToEachInTurn() throws Exception {
        List<Integer> ports = List.of(instance("a"), instance("b"), instance("c"));
        int registryAlone = instance("registry-only");
        gateway = Gateway.startBalancing(0, GatewayRoutes.bundled(),
                Map.of("health", ports, "registry", List.of(registryAlone)));

        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answeredBy.add(get("/api/v1/fleet/health"));
        }

        assertThat(answeredBy).containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(get("/api/v1/clusters")).isEqualTo("registry-only");
        assertThat(get("/api/v1/clusters")).isEqualTo("registry-only");
    }

    private int instance(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        instances.add(server);
        return server.getAddress().getPort();
    }

    private String get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
