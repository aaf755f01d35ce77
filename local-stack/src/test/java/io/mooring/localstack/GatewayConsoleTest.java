package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web console's files as the local stack's gateway serves them at the root, with no service behind it. */
class GatewayConsoleTest {

    private static final String CONFIG = "{\"issuer\":\"http://127.0.0.1:1/\",\"clientId\":\"mooring\"}";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.startBalancing(0, GatewayRoutes.bundled(), Map.of("registry", List.of(1)),
                Map.of("/config.json", CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theRootIsTheConsolesPageAndItsModulesAreJavaScript() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\">");

        HttpResponse<String> module = get("/app.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/vendor/bootstrap.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theStacksOwnConfigurationReplacesTheOneInTheJar() throws Exception {
        HttpResponse<String> config = get("/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(config.body()).isEqualTo(CONFIG);
    }

    @Test
    void aFileTheConsoleLacksOrOutsideItIsA404AndTheApiIsStillRouted() throws Exception {
        assertThat(get("/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/vendor/../../gateway/nginx.conf").statusCode()).isEqualTo(404);
        assertThat(get("/vendor/").statusCode()).isEqualTo(404);
        // The registry upstream has nothing listening: the request went to it, not to the console.
        assertThat(get("/api/v1/clusters").statusCode()).isEqualTo(502);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
