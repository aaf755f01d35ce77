package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Agents send reports gzip-compressed: the per-route limits (heartbeat 16K, events 4M) hold for the inflated
 * body, counted as it streams, so neither a small body that inflates to megabytes nor a gzip bomb is parsed.
 */
@QuarkusTest
class CompressedReportLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aGzipHeartbeatThatInflatesToAMegabyteIsRefusedWithAProblem() throws Exception {
        UUID id = Clusters.imported("gz-" + UUID.randomUUID());
        String heartbeat = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"agentVersion\":\"" + "x".repeat(1 << 20)
                + "\"}";
        byte[] wire = gzip(heartbeat.getBytes(StandardCharsets.UTF_8));
        assertThat(wire.length).isLessThan(4096);
        HttpResponse<String> response = post(id, "heartbeat", wire, true);
        assertTooLarge(response, 16 * 1024);
    }

    @Test
    void aGzipBombToTheEventsRouteIsRefusedWithAProblemAndTheServiceStaysHealthy() throws Exception {
        UUID id = Clusters.imported("gz-" + UUID.randomUUID());
        byte[] wire = gzip(new byte[50 * 1024 * 1024]);
        assertThat(wire.length).isLessThan(100 * 1024);
        HttpResponse<String> response = post(id, "events", wire, true);
        assertTooLarge(response, 4 * 1024 * 1024);
        given().get("/q/health/live").then().statusCode(200);
        Clusters.heartbeat(id).then().statusCode(200);
    }

    @Test
    void aChunkedHeartbeatOverTheLimitIsRefusedAndOneUnderItIsAccepted() throws Exception {
        UUID id = Clusters.imported("gz-" + UUID.randomUUID());
        byte[] big = ("{\"reportId\":\"" + UUID.randomUUID() + "\",\"agentVersion\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertTooLarge(postChunked(id, big), 16 * 1024);
        byte[] small = Clusters.JSON.writeValueAsBytes(Reports.heartbeat());
        assertThat(postChunked(id, small).statusCode()).isEqualTo(200);
        assertThat(post(id, "heartbeat", gzip(Clusters.JSON.writeValueAsBytes(Reports.heartbeat())), true).statusCode())
                .isEqualTo(200);
    }

    private static void assertTooLarge(HttpResponse<String> response, int limit) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("detail").asText()).contains(String.valueOf(limit));
    }

    private HttpResponse<String> post(UUID cluster, String report, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/agent/reports/" + report))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.agent(cluster))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postChunked(UUID cluster, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/v1/agent/reports/heartbeat"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.agent(cluster))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
