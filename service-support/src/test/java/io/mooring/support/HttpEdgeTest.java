package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.support.api.BodyLimits;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer refuses before the API's mappers see a request is a problem too, and body limits hold
 * for bodies sent gzip-compressed or chunked, counted on the inflated bytes. POST /api/v1/widgets takes at
 * most 56K here, every other route 64K (see application.properties), and the service holds 256K of bodies at once.
 */
@QuarkusTest
class HttpEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tokens tokens = Tokens.shared();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI base;

    @Inject
    BodyLimits bodies;

    // --- refused by the HTTP layer ---

    @Test
    void aMalformedPercentEscapeInTheQueryIsABadRequestProblemNamingTheParameter() throws IOException {
        Raw answer = raw("GET /api/v1/widgets?cursor=%%% HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + tokens.admin() + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void aMalformedPercentEscapeInThePathIsABadRequestProblem() throws IOException {
        Raw answer = raw("GET /api/v1/widgets/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anOverLongUriIsAUriTooLongProblem() throws IOException {
        Raw answer = raw("GET /api/v1/widgets?limit=1&pad=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(414);
    }

    @Test
    void overLargeHeadersAreARequestHeaderFieldsTooLargeProblem() throws IOException {
        Raw answer = raw("GET /api/v1/widgets HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "y".repeat(25_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    // --- body limits on the bytes as they stream ---

    @Test
    void aSmallGzipBodyThatInflatesPastTheRouteLimitIsRefusedWithAProblem() throws Exception {
        byte[] inflated = widgetJson("a".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        byte[] wire = gzip(inflated);
        assertThat(wire.length).isLessThan(8 * 1024);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(wire), true);
        assertTooLarge(response);
    }

    @Test
    void aGzipBombIsRefusedWithAProblemAndTheServiceStaysHealthy() throws Exception {
        byte[] wire = gzip(new byte[50 * 1024 * 1024]);
        assertThat(wire.length).isLessThan(100 * 1024);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(wire), true);
        assertTooLarge(response);
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets").then().statusCode(200);
    }

    @Test
    void aChunkedPlainBodyOverTheRouteLimitIsRefusedWithAProblem() throws Exception {
        byte[] body = widgetJson("b".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false);
        assertTooLarge(response);
    }

    @Test
    void bodiesUnderTheLimitAreServedWhetherPlainChunkedOrGzip() throws Exception {
        byte[] body = widgetJson("ok").getBytes(StandardCharsets.UTF_8);
        assertThat(post(HttpRequest.BodyPublishers.ofByteArray(body), false).statusCode()).isEqualTo(200);
        assertThat(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> gzipped = post(HttpRequest.BodyPublishers.ofByteArray(gzip(body)), true);
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(gzipped.body()).path("name").asText()).isEqualTo("ok");
    }

    @Test
    void aClientAskingForHttp2IsServedOverHttp11AndItsGzipBodyIsStillLimited() throws Exception {
        // Java's HttpClient asks for an h2c upgrade by default; a body read whole ahead of Quarkus REST used to
        // make every such request a 500 ("Request has already been read").
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/widgets"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.operator("test"))
                .header("Content-Type", "application/json");
        HttpResponse<String> created = http2.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(
                widgetJson("h2"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

        byte[] inflatesTo1Mb = gzip(widgetJson("x".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8));
        assertTooLarge(http2.send(request.copy().header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(inflatesTo1Mb)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void routesWithoutARuleKeepTheServiceWideLimit() throws Exception {
        // 60K is over the widget creation's 56K but under the service's 64K: a PUT has no rule and is a 405.
        byte[] body = widgetJson("c".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/widgets"))
                .header("Authorization", "Bearer " + tokens.operator("test"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void pastTheBytesOfBodiesHeldAtOnceARequestIsRefusedAsBusyUntilTheyAreAnswered() throws Exception {
        // Six requests send 40,000 of their announced 50,000 bytes and stop: 240,000 bytes held of the 256K the
        // service holds at once (four times its 64K limit), until their connections close.
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                stalled.add(StalledBodies.stall(base, tokens.operator("test"), 50_000, 40_000));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() >= 240_000);

            HttpResponse<String> refused = post(HttpRequest.BodyPublishers.ofByteArray(
                    widgetJson("d".repeat(30_000)).getBytes(StandardCharsets.UTF_8)), false);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(refused.body()).path("type").asText()).endsWith("/service-busy");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // Their bytes are given back when their connections close, and a body is taken again.
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() == 0);
        assertThat(post(HttpRequest.BodyPublishers.ofByteArray(widgetJson("after").getBytes(StandardCharsets.UTF_8)),
                false).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() == 0);
    }

    private static void assertTooLarge(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("detail").asText()).contains("57344");
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/widgets"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.operator("test"))
                .header("Content-Type", "application/json")
                .POST(body);
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String widgetJson(String name) {
        return "{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"seq\":1}";
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    record Raw(int status, String contentType, String body) {
    }

    /** Sends bytes no HTTP client would (bad escapes, huge lines) and reads the answer until the server closes. */
    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Raw(status, contentType, body);
        }
    }
}
