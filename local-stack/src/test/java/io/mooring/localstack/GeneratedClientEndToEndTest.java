package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.client.ApiClient;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.CloudType;
import io.mooring.client.model.CreateClusterRequest;
import io.mooring.client.model.ImportMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite called through the Java client api-client generates from the merged OpenAPI document, through the
 * gateway, as an API-gateway consumer would: a change to the contract that breaks such a caller breaks this test, or
 * its compilation. The stack runs without simulated clusters; the test imports its own.
 */
@ExtendWith(SharedStack.class)
class GeneratedClientEndToEndTest {

    private static int gateway;
    private static MooringApi api;

    @BeforeAll
    static void connect(SharedStack.Running stack) {
        String admin = stack.adminToken();
        gateway = stack.gatewayPort();
        ApiClient client = new ApiClient();
        client.updateBaseUri(stack.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + admin));
        api = new MooringApi(client);
    }

    @Test
    void aClusterImportedThroughTheGeneratedClientIsReadBackFromTheRegistryAndFromHealth() throws ApiException {
        var imported = api.importCluster(new CreateClusterRequest().name("client-eu").project("payments")
                .cloudType(CloudType.fromValue("eks")).importMode(ImportMode.fromValue("read-only")),
                UUID.randomUUID().toString());
        UUID id = imported.getCluster().getId();

        var cluster = api.getCluster(id);
        assertThat(cluster.getName()).isEqualTo("client-eu");
        assertThat(cluster.getProject()).isEqualTo("payments");
        assertThat(String.valueOf(cluster.getStatus())).isEqualTo("Pending");

        // health-service learns of the cluster from the registry's event, a moment after the import.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(ApiException.class).untilAsserted(() -> {
            var health = api.getClusterHealth(id);
            assertThat(health.getClusterId()).isEqualTo(id);
            assertThat(String.valueOf(health.getConnectivity())).isEqualTo("Pending");
        });
    }

    @Test
    void theGatewayServesTheMergedDocumentTheClientIsGeneratedFrom() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway + "/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        // The JDK client asks to upgrade to h2c; the gateway, like nginx, answers in HTTP/1.1.
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(answer.body()).isEqualTo(Files.readString(Path.of("..", "docs", "api", "openapi", "mooring.yaml")));
    }
}
