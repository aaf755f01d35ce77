package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.status;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The keys and tokens of the compose stack's stand-in identity provider, made by {@code docker/keys.sh} itself (openssl
 * alone, no Docker needed): the registry discovers the user-token issuer from the files {@code keys.sh generate}
 * wrote (served as compose's {@code issuer} container serves them), accepts what {@code keys.sh token} mints, and
 * signs agent tokens with the agent key it wrote.
 */
@QuarkusTest
@TestProfile(ComposeKeysTest.KeysFromKeysSh.class)
class ComposeKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "mooring.test.keys-dir")
    String keysDir;

    @ConfigProperty(name = "mooring.security.user-issuer")
    String issuer;

    @Test
    void aTokenKeysShMintsActsWithItsRoleInItsProject() throws Exception {
        String project = RegistryApi.newProject("keys-sh");
        String operator = mint("mooring-operator", project);
        String viewer = mint("mooring-viewer", project);

        String id = given().auth().oauth2(operator).contentType("application/json")
                .body(clusterBody("from-keys-sh", project, "generic", "read-only"))
                .post(CLUSTERS).then().statusCode(201).extract().jsonPath().getString("cluster.id");
        given().auth().oauth2(viewer).queryParam("project", project).get(CLUSTERS)
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(viewer).contentType("application/json")
                .body(clusterBody("viewer-may-not", project, "generic", "read-only"))
                .post(CLUSTERS).then().statusCode(403);
        given().auth().oauth2(mint("mooring-viewer", "another-" + project)).get(CLUSTERS + "/" + id)
                .then().statusCode(404);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String project = RegistryApi.newProject("keys-sh-other");
        given().auth().oauth2(tokens().operator(project)).queryParam("project", project).get(CLUSTERS)
                .then().statusCode(401);
    }

    @Test
    void theRegistrySignsAgentTokensWithTheAgentKeyKeysShWrote() throws Exception {
        String project = RegistryApi.newProject("keys-sh-agent");
        JsonPath created = RegistryApi.create(mint("mooring-operator", project),
                clusterBody("agent-keys", project, "generic", "read-only"));
        String agentToken = registerAgent(created, "read-only", "generic").getString("accessToken");
        status(agentToken, facts("read-only", "generic"), false).statusCode(200);

        JsonNode written = agentKey(JSON.readTree(Path.of(keysDir, "jwks.json").toFile()));
        JsonNode published = agentKey(JSON.readTree(given().get("/api/v1/agent/jwks.json").then().statusCode(200)
                .extract().asString()));
        assertThat(published.path("n").asText()).isEqualTo(written.path("n").asText());
        assertThat(published.path("e").asText()).isEqualTo(written.path("e").asText());
    }

    private static JsonNode agentKey(JsonNode keySet) {
        for (JsonNode key : keySet.path("keys")) {
            if ("mooring-agents-1".equals(key.path("kid").asText())) {
                return key;
            }
        }
        throw new AssertionError("no key mooring-agents-1 in " + keySet);
    }

    private String mint(String role, String project) throws IOException, InterruptedException {
        return KeysSh.run(Map.of("MOORING_KEYS_DIR", keysDir, "MOORING_USER_ISSUER", issuer), "token", role, project)
                .strip();
    }

    /** The registry's usual infrastructure, with the user issuer and agent keys of {@link KeysSh}. */
    public static class KeysFromKeysSh implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeysSh.class, Map.of("database", "mooring_registry_keys_test")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /**
     * Runs {@code docker/keys.sh generate} into a fresh folder and serves its {@code issuer/} over HTTP, as compose's
     * nginx does; its settings go over those of {@link MooringTestResource} (broker, database).
     */
    public static class KeysSh implements QuarkusTestResourceLifecycleManager {

        private final MooringTestResource infrastructure = new MooringTestResource();
        private HttpServer server;
        private Path dir;

        @Override
        public void init(Map<String, String> initArgs) {
            infrastructure.init(initArgs);
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(infrastructure.start());
            try {
                dir = Files.createTempDirectory("mooring-keys-sh");
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
                run(Map.of("MOORING_USER_ISSUER", issuer), "generate", dir.toString());
                serve("/", dir.resolve("issuer"));
                // The agent key set keys.sh writes for tools: both public keys, the agent's among them.
                serve("/keys/", dir);
                server.start();
                config.put("mooring.security.user-issuer", issuer);
                config.put("mooring.agent-tokens.signing-key-location",
                        dir.resolve("agent-signing-key.pem").toString());
                config.put("mooring.security.agent-jwks-url", issuer + "/keys/jwks.json");
                config.put("mooring.test.keys-dir", dir.toString());
                return config;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("docker/keys.sh generate failed", e);
            }
        }

        private void serve(String prefix, Path root) {
            server.createContext(prefix, exchange -> {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(prefix.length())).normalize();
                // Never the private keys beside the key set.
                boolean served = file.startsWith(root) && Files.isRegularFile(file)
                        && !file.getFileName().toString().endsWith(".pem");
                byte[] body = served ? Files.readAllBytes(file) : null;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                if (body != null) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
            infrastructure.stop();
        }

        static String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "docker", "keys.sh")
                    .toAbsolutePath().normalize().toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("docker/keys.sh " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        }
    }
}
