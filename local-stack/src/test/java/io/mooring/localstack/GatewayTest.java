package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the local stack's gateway answers itself, without any service behind it. */
class GatewayTest {

    private static Gateway gateway;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(0, GatewayRoutes.bundled(), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theWholeApisOpenApiDocumentIsServedAtTheRoot() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(answer.body()).isEqualTo(Files.readString(Path.of("..", "docs", "api", "openapi", "mooring.yaml")));
    }

    @Test
    void theEventContractIsServedAtTheRoot() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/asyncapi.yaml")).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(answer.body()).isEqualTo(Files.readString(Path.of("..", "docs", "api", "asyncapi", "mooring.yaml")));
    }

    @Test
    void aHeadRequestGetsTheDocumentsLengthWithoutItsBody() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/openapi.yaml"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValueAsLong("Content-Length"))
                .hasValue(Files.size(Path.of("..", "docs", "api", "openapi", "mooring.yaml")));
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void theDocumentIsOnlyRead() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/openapi.yaml"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aPathNoServiceServesIsAProblem404() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/openapi.json")).GET());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
