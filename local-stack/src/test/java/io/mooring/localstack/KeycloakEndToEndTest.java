package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite with a real OpenID Connect provider: {@code bin/local-stack --identity-provider=keycloak} started in
 * this JVM, the users of the realm it imports signing in by the password grant, every call through the gateway.
 * Operators of projects a and b each import a cluster; a viewer of a sees a's and nothing of b's, and can change
 * nothing. Tokens Keycloak issued for another application, or from another realm (another issuer) with the very same
 * claims, open nothing.
 */
class KeycloakEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final String DATABASES = "mooring_kc_e2e_" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static KeycloakServer keycloak;
    private static String clusterOfA;
    private static String clusterOfB;

    @BeforeAll
    static void startStackWithKeycloak() throws Exception {
        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-kc-e2e-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        // No simulated clusters: the clusters here are imported by the test's users. The ready timeout covers
        // Keycloak's first start (its database and the realm import), minutes on two busy cores.
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 600,
                List.of(), List.of(), DATABASES, false, StackOptions.IdentityProvider.KEYCLOAK));
        stack.start();
        keycloak = stack.keycloak();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gateway;
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));

        clusterOfA = importCluster(keycloak.passwordGrant("operator-a"), "kc-e2e-a", "a");
        clusterOfB = importCluster(keycloak.passwordGrant("operator-b"), "kc-e2e-b", "b");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
    }

    @Test
    void aSignedInUsersTokenCarriesTheRealmsAudienceRoleAndProject() throws Exception {
        JsonNode claims = claims(keycloak.passwordGrant("viewer-a"));
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("aud").toString()).contains("\"mooring\"");
        assertThat(claims.path("groups").toString()).isEqualTo("[\"mooring-viewer\"]");
        assertThat(claims.path("projects").toString()).isEqualTo("[\"a\"]");
    }

    @Test
    void aViewerOfProjectAListsItsClustersAndNoneOfProjectB() {
        List<Map<String, Object>> items = as(keycloak.passwordGrant("viewer-a")).get("/api/v1/clusters?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).extracting(c -> c.get("id")).contains(clusterOfA).doesNotContain(clusterOfB);
        assertThat(items).extracting(c -> c.get("project")).containsOnly("a");

        assertThat(as(keycloak.passwordGrant("viewer-a")).get("/api/v1/clusters?project=b").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aViewerOfProjectAFindsNoClusterOfProjectB() {
        String viewer = keycloak.passwordGrant("viewer-a");
        as(viewer).get("/api/v1/clusters/{id}", clusterOfB).then().statusCode(404);
        as(viewer).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(200);
    }

    @Test
    void aViewerCanChangeNothing() {
        String viewer = keycloak.passwordGrant("viewer-a");
        as(viewer).contentType("application/json").body(importRequest("kc-e2e-viewer", "a"))
                .post("/api/v1/clusters").then().statusCode(403);
        as(viewer).contentType("application/json").body(Map.of("description", "changed by a viewer"))
                .patch("/api/v1/clusters/{id}", clusterOfA).then().statusCode(403);
        as(viewer).delete("/api/v1/clusters/{id}", clusterOfA).then().statusCode(403);
        as(viewer).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(200);
    }

    @Test
    void anOperatorOfProjectAFindsNoClusterOfProjectBToChange() {
        as(keycloak.passwordGrant("operator-a")).contentType("application/json")
                .body(Map.of("description", "changed from project a"))
                .patch("/api/v1/clusters/{id}", clusterOfB).then().statusCode(404);
    }

    @Test
    void aTokenKeycloakIssuedForAnotherApplicationIsRefused() throws Exception {
        String admin = consoleAdminToken();
        // The same claims as Mooring's client, but the audience of another application.
        ObjectNode client = (ObjectNode) JSON.readTree(KeycloakServer.realmJson()).path("clients").get(0).deepCopy();
        client.put("clientId", "another-application");
        client.put("name", "Another application");
        for (JsonNode mapper : client.withArray("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                ((ObjectNode) mapper.path("config")).remove("included.client.audience");
                ((ObjectNode) mapper.path("config")).put("included.custom.audience", "another-application");
            }
        }
        adminRequest(admin).body(client.toString()).post(keycloak.url() + "/admin/realms/mooring/clients")
                .then().statusCode(201);
        String token = keycloak.passwordGrant("mooring", "another-application", "operator-a",
                KeycloakServer.PASSWORD);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("aud").toString()).doesNotContain("\"mooring\"");
        assertThat(claims.path("groups").toString()).contains("mooring-operator");

        as(token).get("/api/v1/clusters").then().statusCode(401);
        as(token).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(401);
    }

    @Test
    void aTokenOfAnotherIssuerWithTheSameClaimsIsRefused() throws Exception {
        String admin = consoleAdminToken();
        // A look-alike realm: same client, audience, groups, users and passwords; only the issuer (and keys) differ.
        ObjectNode realm = (ObjectNode) JSON.readTree(KeycloakServer.realmJson());
        realm.put("realm", "elsewhere");
        adminRequest(admin).body(realm.toString()).post(keycloak.url() + "/admin/realms").then().statusCode(201);
        String token = keycloak.passwordGrant("elsewhere", KeycloakServer.CLIENT_ID, "operator-a",
                KeycloakServer.PASSWORD);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.url() + "/realms/elsewhere");
        assertThat(claims.path("aud").toString()).contains("\"mooring\"");
        assertThat(claims.path("projects").toString()).isEqualTo("[\"a\"]");

        as(token).get("/api/v1/clusters").then().statusCode(401);
        as(token).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(401);
        as(token).contentType("application/json").body(importRequest("kc-e2e-elsewhere", "a"))
                .post("/api/v1/clusters").then().statusCode(401);
    }

    private static String importCluster(String operatorToken, String name, String project) {
        return as(operatorToken).contentType("application/json").body(importRequest(name, project))
                .post("/api/v1/clusters").then().statusCode(201).extract().jsonPath().getString("cluster.id");
    }

    private static Map<String, Object> importRequest(String name, String project) {
        return Map.of("name", name + "-" + Long.toHexString(System.nanoTime()), "project", project,
                "cloudType", "generic", "importMode", "read-only");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).accept("application/json");
    }

    private static String consoleAdminToken() {
        return keycloak.passwordGrant("master", "admin-cli", KeycloakServer.CONSOLE_ADMIN,
                KeycloakServer.CONSOLE_PASSWORD);
    }

    private static RequestSpecification adminRequest(String adminToken) {
        return given().header("Authorization", "Bearer " + adminToken).contentType("application/json");
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
