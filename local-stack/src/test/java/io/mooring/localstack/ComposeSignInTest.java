package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml's sign-in wiring, as far as it can be checked without Docker (none on the build machines):
 * the Keycloak it runs is the version and realm that local-stack's {@link KeycloakEndToEndTest} signs in with, and
 * browser, CLI and services all meet the one issuer. SnakeYAML itself, not Jackson: it resolves the file's
 * {@code <<} merge keys, through which every service gets its issuer.
 */
class ComposeSignInTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> services = section(load(), "services");

    @Test
    void composeRunsTheKeycloakVersionAndRealmTheLocalStackSignsInWith() throws Exception {
        Map<String, Object> keycloak = section(services, "keycloak");
        assertThat(keycloak.get("image")).isEqualTo("quay.io/keycloak/keycloak:" + KeycloakServer.version());
        assertThat(list(keycloak, "command")).containsExactly("start-dev", "--import-realm");
        String realmMount = list(keycloak, "volumes").stream().map(String::valueOf)
                .filter(v -> v.contains("mooring-realm.json")).findFirst().orElseThrow();
        String[] parts = realmMount.split(":");
        assertThat(parts[1]).isEqualTo("/opt/keycloak/data/import/mooring-realm.json");
        assertThat(parts[2]).isEqualTo("ro");
        assertThat(Files.readString(DOCKER.resolve(parts[0]))).isEqualTo(KeycloakServer.realmJson());
    }

    @Test
    void theConsoleTheCliAndEveryServiceMeetTheIssuerKeycloakIsFixedTo() throws Exception {
        Map<String, Object> keycloak = section(services, "keycloak");
        Map<String, Object> environment = section(keycloak, "environment");
        URI hostname = URI.create(String.valueOf(environment.get("KC_HOSTNAME")));
        String issuer = hostname + "/realms/" + KeycloakServer.REALM;
        // Browsers reach Keycloak on the host port KC_HOSTNAME names; the services on compose's network.
        assertThat(list(keycloak, "ports")).containsExactly(hostname.getPort() + ":8080");
        assertThat(environment.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC")).isEqualTo("true");

        JsonNode console = JSON.readTree(DOCKER.resolve("gateway/console-config.json").toFile());
        assertThat(console.path("issuer").asText()).isEqualTo(issuer);
        assertThat(console.path("clientId").asText()).isEqualTo(KeycloakServer.CLIENT_ID);
        JsonNode client = JSON.readTree(KeycloakServer.realmJson()).path("clients").get(0);
        assertThat(client.path("clientId").asText()).isEqualTo(KeycloakServer.CLIENT_ID);
        assertThat(client.path("redirectUris").toString()).contains("http://" + hostname.getHost() + ":*");

        List<String> apps = List.of("registry-service", "health-service", "addon-service", "cost-service",
                "notification-service");
        for (String app : apps) {
            Map<String, Object> service = section(services, app);
            assertThat(section(service, "environment").get("MOORING_SECURITY_USER_ISSUER")).as(app)
                    .isEqualTo("${MOORING_USER_ISSUER:-http://keycloak:8080/realms/" + KeycloakServer.REALM + "}");
            assertThat(section(section(service, "depends_on"), "keycloak")).as(app)
                    .containsEntry("condition", "service_healthy");
        }
        // The stand-in issuer has no sign-in page: it runs only when asked for.
        assertThat(list(section(services, "issuer"), "profiles")).containsExactly("stand-in-issuer");
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        assertThat(value).as(name).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        assertThat(value).as(name).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
