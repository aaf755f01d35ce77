package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing table (docs/architecture.md#gateway), as the shipped nginx.conf states it. */
class GatewayRoutesTest {

    private final GatewayRoutes routes = GatewayRoutes.bundled();

    @ParameterizedTest
    @CsvSource({
            "/api/v1/clusters, registry",
            "/api/v1/clusters?project=a&limit=10, registry",
            "/api/v1/clusters/5b0c/capabilities, registry",
            "/api/v1/clusters/5b0c/migrate-to-full-permissions, registry",
            "/api/v1/import/abc.yaml, registry",
            "/api/v1/agent/register, registry",
            "/api/v1/agent/token, registry",
            "/api/v1/agent/status, registry",
            "/api/v1/clusters/5b0c/health, health",
            "/api/v1/clusters/5b0c/health/history, health",
            "/api/v1/clusters/5b0c/events?type=Warning, health",
            "/api/v1/clusters/5b0c/inventory, health",
            "/api/v1/fleet/health, health",
            "/api/v1/agent/reports/heartbeat, health",
            "/api/v1/addon-profiles, addon",
            "/api/v1/addon-profiles/p/versions/1.0.0, addon",
            "/api/v1/clusters/5b0c/addons, addon",
            "/api/v1/agent/addons, addon",
            "/api/v1/clusters/5b0c/cost?window=7d, cost",
            "/api/v1/clusters/5b0c/rates, cost",
            "/api/v1/fleet/cost, cost",
            "/api/v1/rate-cards, cost",
            "/api/v1/admin/registry/dead-letters, registry",
            "/api/v1/admin/health/dead-letters?limit=10, health",
            "/api/v1/admin/addon/dead-letters/12/replay, addon",
            "/api/v1/admin/cost/dead-letters/12, cost",
            "/api/v1/webhooks, notification",
            "/api/v1/webhooks/0c9e/deliveries/42/redeliver, notification",
            "/api/v1/notification-rules?project=payments, notification",
            "/api/v1/admin/notification/dead-letters, notification"
    })
    void everyDesignRouteReachesItsService(String uri, String upstream) {
        assertThat(routes.resolve(uri)).hasValueSatisfying(t -> {
            assertThat(t.upstream()).isEqualTo(upstream);
            assertThat(t.uri()).isEqualTo(uri);
        });
    }

    @Test
    void aClusterNamedLikeASubResourceStillGoesToTheRegistry() {
        assertThat(routes.resolve("/api/v1/clusters/health").orElseThrow().upstream()).isEqualTo("registry");
        assertThat(routes.resolve("/api/v1/clusters/abc/healthy").orElseThrow().upstream()).isEqualTo("registry");
    }

    @Test
    void serviceEndpointsAreServedUnderTheServicePrefix() {
        assertThat(routes.resolve("/health/q/health/ready")).hasValue(new GatewayRoutes.Target("health", "/q/health/ready"));
        assertThat(routes.resolve("/registry/q/openapi")).hasValue(new GatewayRoutes.Target("registry", "/q/openapi"));
        assertThat(routes.resolve("/cost/q/health/live")).hasValue(new GatewayRoutes.Target("cost", "/q/health/live"));
        assertThat(routes.resolve("/addon/q/openapi?format=json"))
                .hasValue(new GatewayRoutes.Target("addon", "/q/openapi?format=json"));
    }

    @ParameterizedTest
    @CsvSource({"/cost/q/metrics", "/registry/q/metrics", "/health/q/metrics/", "/addon/q/health",
            "/registry/q/health/", "/health/q/health/started", "/cost/q/swagger-ui", "/registry/q/dev-ui"})
    void metricsTheFullHealthReportAndOtherServiceEndpointsStayInternal(String uri) {
        assertThat(routes.resolve(uri)).isEmpty();
    }

    @Test
    void theWholeApisDocumentIsAFileTheGatewayServesAtTheRoot() throws IOException {
        assertThat(routes.staticFile("/openapi.yaml"))
                .hasValue(new GatewayRoutes.StaticFile("/openapi.yaml", "application/yaml", "mooring.yaml"));
        assertThat(routes.staticFile("/openapi.yaml?download=1")).isPresent();
        assertThat(routes.staticFile("/openapi.yml")).isEmpty();
        assertThat(routes.resolve("/openapi.yaml")).isEmpty();
        try (InputStream bundled = GatewayRoutes.class.getResourceAsStream("/gateway/mooring.yaml")) {
            assertThat(bundled).as("the merged document, copied into the local stack's class path").isNotNull();
            assertThat(new String(bundled.readAllBytes()))
                    .isEqualTo(Files.readString(Path.of("..", "docs", "api", "openapi", "mooring.yaml")));
        }
    }

    @Test
    void theEventContractIsAFileTheGatewayServesAtTheRootFromItsOwnFolder() throws IOException {
        assertThat(routes.staticFile("/asyncapi.yaml")).hasValue(
                new GatewayRoutes.StaticFile("/asyncapi.yaml", "application/yaml", "asyncapi/mooring.yaml"));
        assertThat(routes.resolve("/asyncapi.yaml")).isEmpty();
        try (InputStream bundled = GatewayRoutes.class.getResourceAsStream("/gateway/asyncapi/mooring.yaml")) {
            assertThat(bundled).as("the AsyncAPI document, copied into the local stack's class path").isNotNull();
            assertThat(new String(bundled.readAllBytes()))
                    .isEqualTo(Files.readString(Path.of("..", "docs", "api", "asyncapi", "mooring.yaml")));
        }
    }

    @Test
    void aFileOutsideTheGatewaysFolderIsRefused() {
        assertThatThrownBy(() -> GatewayRoutes.parse("""
                location ~ ^/api/v1/x { proxy_pass http://registry; }
                location = /secrets { default_type text/plain; alias /etc/passwd; }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/etc/passwd");
    }

    /** The merged document says the gateway serves every service's paths: each must reach the service that owns it. */
    @Test
    void everyPathOfAServicesDocumentReachesThatService() throws IOException {
        List<String> misrouted = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "docs", "api", "openapi"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String service = file.getFileName().toString().replace(".yaml", "");
                if (service.equals("mooring")) {
                    continue;
                }
                JsonNode document = new YAMLMapper().readTree(file.toFile());
                document.path("paths").fieldNames().forEachRemaining(path -> {
                    String uri = path.replaceAll("\\{[^}]+}", "5b0c");
                    String upstream = routes.resolve(uri).map(GatewayRoutes.Target::upstream).orElse("nothing");
                    if (!upstream.equals(service)) {
                        misrouted.add(service + " " + path + " -> " + upstream);
                    }
                });
            }
        }
        assertThat(misrouted).isEmpty();
    }

    @Test
    void unknownPathsAreNotRouted() {
        assertThat(routes.resolve("/admin")).isEmpty();
        assertThat(routes.resolve("/api/v2/clusters")).isEmpty();
        assertThat(routes.resolve("/api/v1/admin/costs/dead-letters")).isEmpty();
        assertThat(routes.upstreams()).containsExactlyInAnyOrder("registry", "health", "addon", "cost", "notification");
    }

    @Test
    void theConsoleTakesTheRootAndWhatNoServiceRoutesButNoApiPath() {
        assertThat(routes.servesConsole()).isTrue();
        assertThat(routes.resolve("/")).isEmpty();
        assertThat(routes.resolve("/app.js")).isEmpty();
        assertThat(routes.resolve("/api/v1/clusters?limit=20")).hasValue(new GatewayRoutes.Target("registry", "/api/v1/clusters?limit=20"));
        assertThat(GatewayRoutes.parse("location ~ ^/api { proxy_pass http://registry; }").servesConsole()).isFalse();
    }
}
