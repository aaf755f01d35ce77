package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.client.ApiClient;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.CloudType;
import io.mooring.client.model.CreateClusterRequest;
import io.mooring.client.model.ImportMode;
import io.mooring.testsupport.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite called through the Java client api-client generates from the merged OpenAPI document, through the
 * gateway, as an API-gateway consumer would: a change to the contract that breaks such a caller breaks this test, or
 * its compilation. The stack runs without simulated clusters; the test imports its own.
 */
class GeneratedClientEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final String DATABASES = "mooring_client_e2e_" + Long.toHexString(System.nanoTime());

    private static LocalStack stack;
    private static int gateway;
    private static MooringApi api;

    @BeforeAll
    static void startStack() throws Exception {
        gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-client-e2e-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 240,
                List.of(), List.of(), DATABASES, false));
        stack.start();
        String admin = stack.adminToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + gateway);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + admin));
        api = new MooringApi(client);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
        PostgresServer postgres = PostgresServer.fromEnvironment();
        for (String service : List.of("registry", "health", "addon", "cost", "notification")) {
            postgres.dropDatabase(DATABASES + "_" + service);
        }
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
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(answer.body()).isEqualTo(Files.readString(Path.of("..", "docs", "api", "openapi", "mooring.yaml")));
    }
}
