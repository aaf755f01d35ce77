package io.mooring.apicontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergeTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyServicesPathsComponentsAndTagsEndUpInOneDocumentUnderTheGatewaysInfoAndServer() {
        JsonNode merged = OpenApiMerge.merge(List.of(
                source("registry", """
                        openapi: 3.1.0
                        info: {title: registry-service API, version: "1.0", license: {name: Apache-2.0, identifier: Apache-2.0}}
                        servers: [{url: "http://registry:8081"}]
                        tags: [{name: Clusters, description: Imported clusters}]
                        paths:
                          /api/v1/clusters: {get: {operationId: listClusters, tags: [Clusters]}}
                        components:
                          schemas: {Cluster: {type: object}}
                          securitySchemes: {jwt: {type: http, scheme: bearer}}
                        """),
                source("health", """
                        openapi: 3.1.0
                        info: {title: health-service API, version: "1.0"}
                        tags: [{name: Health, description: Cluster health}]
                        paths:
                          /api/v1/clusters/{id}/health: {get: {operationId: getClusterHealth, tags: [Health]}}
                          /api/v1/agent/reports/heartbeat: {post: {operationId: sendHeartbeat}}
                        components:
                          schemas: {Health: {type: object}}
                        """)), gateway());

        assertThat(merged.path("info").path("title").asText()).isEqualTo("Mooring API");
        assertThat(merged.path("info").path("version").asText()).isEqualTo("1.0");
        assertThat(merged.path("info").path("license").path("identifier").asText()).isEqualTo("Apache-2.0");
        assertThat(merged.path("servers")).hasSize(1);
        assertThat(merged.path("servers").path(0).path("url").asText()).isEqualTo("http://gateway");
        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactly(
                "/api/v1/agent/reports/heartbeat", "/api/v1/clusters", "/api/v1/clusters/{id}/health");
        assertThat(merged.path("components").path("schemas").fieldNames()).toIterable()
                .containsExactly("Cluster", "Health");
        assertThat(merged.path("components").path("securitySchemes").has("jwt")).isTrue();
        assertThat(merged.path("tags").findValuesAsText("name")).containsExactly("Clusters", "Health");
    }

    @Test
    void aPathTwoServicesDeclareDifferentlyIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\npaths: {/api/v1/clusters: {get: {operationId: listClusters}}}"),
                source("health", "openapi: 3.1.0\npaths: {/api/v1/clusters: {get: {operationId: listHealth}}}")), gateway()))
                .isInstanceOf(OpenApiMerge.ConflictException.class)
                .hasMessageContaining("path /api/v1/clusters").hasMessageContaining("registry's")
                .hasMessageContaining("health's");
    }

    @Test
    void aPathTwoServicesDeclareIdenticallyIsKeptOnce() {
        String document = "openapi: 3.1.0\npaths: {/api/v1/shared: {get: {operationId: getShared}}}";
        JsonNode merged = OpenApiMerge.merge(List.of(source("registry", document), source("health", document)), gateway());

        assertThat(merged.path("paths").size()).isEqualTo(1);
        assertThat(OpenApiMerge.duplicateOperationIds(merged)).isEmpty();
    }

    @Test
    void aComponentTwoServicesDeclareIdenticallyIsKeptOnceAndDifferentlyIsAnErrorNamingBoth() {
        JsonNode merged = OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\ncomponents: {schemas: {Problem: {type: object}}}"),
                source("addon", "openapi: 3.1.0\ncomponents: {schemas: {Problem: {type: object}}}")), gateway());
        assertThat(merged.path("components").path("schemas").size()).isEqualTo(1);

        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\ncomponents: {schemas: {Problem: {type: object}}}"),
                source("addon", "openapi: 3.1.0\ncomponents: {schemas: {Problem: {type: string}}}")), gateway()))
                .isInstanceOf(OpenApiMerge.ConflictException.class)
                .hasMessageContaining("components.schemas.Problem").hasMessageContaining("registry's")
                .hasMessageContaining("addon's");
    }

    @Test
    void aTagOrLicenceTwoServicesDescribeDifferentlyIsAnError() {
        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\ntags: [{name: Agents, description: Registration}]"),
                source("health", "openapi: 3.1.0\ntags: [{name: Agents, description: Reports}]")), gateway()))
                .hasMessageContaining("tag 'Agents'");
        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\ninfo: {title: a, version: '1.0', license: {name: MIT}}"),
                source("health", "openapi: 3.1.0\ninfo: {title: b, version: '1.0', license: {name: Apache-2.0}}")),
                gateway()))
                .hasMessageContaining("info.license");
    }

    @Test
    void aDocumentWideSecurityRequirementMovesOntoEachOperationThatHasNone() {
        JsonNode merged = OpenApiMerge.merge(List.of(source("registry", """
                openapi: 3.1.0
                security: [{jwt: []}]
                paths:
                  /api/v1/clusters: {get: {operationId: listClusters}}
                  /api/v1/agent/jwks.json: {get: {operationId: getAgentJwks, security: []}}
                """), source("health", """
                openapi: 3.1.0
                paths:
                  /api/v1/fleet/health: {get: {operationId: getFleetHealth}}
                """)), gateway());

        assertThat(merged.has("security")).isFalse();
        assertThat(merged.at("/paths/~1api~1v1~1clusters/get/security/0").has("jwt")).isTrue();
        assertThat(merged.at("/paths/~1api~1v1~1agent~1jwks.json/get/security")).isEmpty();
        assertThat(merged.at("/paths/~1api~1v1~1fleet~1health/get").has("security")).isFalse();
    }

    @Test
    void aTopLevelFieldTheMergeWouldLoseIsRefused() {
        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(source("cost", "openapi: 3.1.0\nwebhooks: {}")), gateway()))
                .hasMessageContaining("cost's document").hasMessageContaining("webhooks");
    }

    @Test
    void documentsOfDifferentOpenApiVersionsDoNotMerge() {
        assertThatThrownBy(() -> OpenApiMerge.merge(List.of(source("registry", "openapi: 3.1.0"),
                source("health", "openapi: 3.0.3")), gateway()))
                .hasMessageContaining("OpenAPI version");
    }

    @Test
    void anOperationIdUsedTwiceIsReportedWithBothOperations() {
        JsonNode merged = OpenApiMerge.merge(List.of(
                source("registry", "openapi: 3.1.0\npaths: {/api/v1/clusters: {get: {operationId: list}}}"),
                source("addon", "openapi: 3.1.0\npaths: {/api/v1/addon-profiles: {get: {operationId: list},"
                        + " post: {operationId: publishAddonProfile}}}")), gateway());

        assertThat(OpenApiMerge.duplicateOperationIds(merged))
                .isEqualTo(Map.of("list", List.of("GET /api/v1/addon-profiles", "GET /api/v1/clusters")));
    }

    private static OpenApiMerge.Gateway gateway() {
        return new OpenApiMerge.Gateway("Mooring API", "Everything", YAML.createArrayNode()
                .add(YAML.createObjectNode().put("url", "http://gateway")));
    }

    private static OpenApiMerge.Source source(String service, String yaml) {
        try {
            return new OpenApiMerge.Source(service, YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
