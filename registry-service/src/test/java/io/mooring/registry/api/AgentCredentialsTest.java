package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.refresh;
import static io.mooring.registry.RegistryApi.register;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.status;
import static io.mooring.registry.RegistryApi.tokenOf;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.EventType;
import io.mooring.registry.MovableClock;
import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.KeyMaterial;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentCredentialsTest {

    @Inject
    MovableClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void timeIsBackToNormal() {
        clock.reset();
    }

    @Test
    void theAgentTokenIsShortLivedSignedByTheRegistryAndVerifiableWithTheServedJwks() throws Exception {
        JsonPath created = create(RegistryApi.newProject("jwt"), "signed", "generic", "read-only");
        JsonPath credential = registerAgent(created, "read-only", "generic");
        String id = created.getString("cluster.id");

        String jwks = given().get("/api/v1/agent/jwks.json").then().statusCode(200)
                .contentType("application/json").body("keys[0].kid", equalTo(KeyMaterial.AGENT_KEY_ID))
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .extract().asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(KeyMaterial.AGENT_ISSUER)
                .setRequireExpirationTime()
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(credential.getString("accessToken"));
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("mooring-agent");
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(Instant.parse(credential.getString("expiresAt")).getEpochSecond())
                .isEqualTo(claims.getExpirationTime().getValue());
        // The same key the other services trust: the installation's agent public key.
        byte[] served = new JsonWebKeySet(jwks).getJsonWebKeys().get(0).getKey().getEncoded();
        assertThat(served).isEqualTo(decodePem(Files.readString(KeyMaterial.shared().agentPublicKeyFile())));
    }

    @Test
    void theRefreshSecretRotatesAndTheOldOneOnlyLastsAShortGrace() {
        JsonPath created = create(RegistryApi.newProject("refresh"), "rotating", "generic", "read-only");
        JsonPath registered = registerAgent(created, "read-only", "generic");
        String id = created.getString("cluster.id");
        String first = registered.getString("refreshSecret");

        JsonPath refreshed = refresh(id, first).statusCode(200).body("clusterId", equalTo(id)).extract().jsonPath();
        String second = refreshed.getString("refreshSecret");
        assertThat(second).isNotEqualTo(first);
        status(refreshed.getString("accessToken"), facts("read-only", "generic"), false).statusCode(200);

        // An agent that lost the answer retries with the old secret within the grace period.
        String third = refresh(id, first).statusCode(200).extract().jsonPath().getString("refreshSecret");
        clock.advance(Duration.ofMinutes(3));
        refresh(id, first).statusCode(401).contentType("application/problem+json");
        refresh(id, third).statusCode(200);
    }

    @Test
    void reRegisteringWithAReissuedCommandRenewsTheCredentialButConnectsOnlyOnce() {
        String project = RegistryApi.newProject("again");
        JsonPath created = create(project, "reinstalled", "generic", "read-only");
        String id = created.getString("cluster.id");
        JsonPath first = registerAgent(created, "read-only", "generic");

        String url = given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/import-command")
                .then().statusCode(200).extract().jsonPath().getString("importCommand.manifestUrl");
        JsonPath second = register(tokenOf(url), facts("read-only", "generic")).statusCode(200)
                .body("clusterId", equalTo(id)).extract().jsonPath();

        refresh(id, first.getString("refreshSecret")).statusCode(401);
        refresh(id, second.getString("refreshSecret")).statusCode(200);
        assertThat(events(id, EventType.CLUSTER_CONNECTED)).isEqualTo(1);
    }

    @Test
    void anAgentRegisteringWithTheMigrationManifestConfirmsTheMigration() {
        String project = RegistryApi.newProject("migrate");
        JsonPath created = create(project, "widening", "generic", "read-only");
        String id = created.getString("cluster.id");
        registerAgent(created, "read-only", "generic");
        String url = given().auth().oauth2(tokens().operator(project))
                .post(CLUSTERS + "/" + id + "/migrate-to-full-permissions")
                .then().statusCode(202).extract().jsonPath().getString("importCommand.manifestUrl");

        // Still read-only as long as the agent cannot confirm the wider permissions.
        register(tokenOf(url), facts("read-only", "generic")).statusCode(200);
        RegistryApi.get(tokens().viewer(project), id).statusCode(200).body("importMode", equalTo("read-only"))
                .body("pendingMigration.to", equalTo("full-permission"))
                .body("pendingMigration.requestedBy", equalTo("otto-operator"));
        assertThat(events(id, EventType.MODE_CHANGED)).isZero();

        String again = given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/import-command")
                .then().statusCode(200).body("importCommand.importMode", equalTo("full-permission"))
                .extract().jsonPath().getString("importCommand.manifestUrl");
        register(tokenOf(again), facts("full-permission", "generic")).statusCode(200);
        RegistryApi.get(tokens().viewer(project), id).statusCode(200).body("importMode", equalTo("full-permission"))
                .body("pendingMigration", nullValue())
                .body("agentPermissions", equalTo("full-permission"));
        assertThat(events(id, EventType.MODE_CHANGED)).isEqualTo(1);
    }

    @Test
    void anAgentClaimingWiderPermissionsWithoutAMigrationChangesNoMode() {
        String project = RegistryApi.newProject("claim");
        JsonPath created = create(project, "claims", "generic", "read-only");
        String agentToken = registerAgent(created, "read-only", "generic").getString("accessToken");
        status(agentToken, facts("full-permission", "generic"), false).statusCode(200)
                .body("importMode", equalTo("read-only"));
        RegistryApi.get(tokens().viewer(project), created.getString("cluster.id")).statusCode(200)
                .body("importMode", equalTo("read-only")).body("agentPermissions", equalTo("full-permission"));
    }

    @Test
    void aClusterWhoseAgentNeverConnectedIsRemovedAtOnceAndItsTokenStopsWorking() {
        JsonPath created = create(RegistryApi.newProject("never"), "never", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        given().auth().oauth2(tokens().admin()).delete(CLUSTERS + "/" + created.getString("cluster.id"))
                .then().statusCode(200).body("status", equalTo("Deleted")).body("forced", equalTo(false));
        register(tokenOf(url), facts("read-only", "generic")).statusCode(404);
        assertThat(events(created.getString("cluster.id"), EventType.CLUSTER_DELETED)).isEqualTo(1);
    }

    @Test
    void aDeletingClusterRefusesNewRegistrationsButLetsItsAgentReport() {
        String project = RegistryApi.newProject("deleting");
        JsonPath created = create(project, "leaving", "generic", "read-only");
        String id = created.getString("cluster.id");
        String agentToken = registerAgent(created, "read-only", "generic").getString("accessToken");
        String url = given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/import-command")
                .then().statusCode(200).extract().jsonPath().getString("importCommand.manifestUrl");
        String token = tokenOf(url);
        given().auth().oauth2(tokens().admin()).delete(CLUSTERS + "/" + id).then().statusCode(202)
                .body("agentCleansUp", equalTo(false));

        register(token, facts("read-only", "generic")).statusCode(410);
        given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/migrate-to-full-permissions")
                .then().statusCode(409);
        given().auth().oauth2(tokens().operator(project)).contentType("application/json")
                .body(Map.of("description", "x")).patch(CLUSTERS + "/" + id).then().statusCode(409);
        given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/import-command")
                .then().statusCode(409);
        status(agentToken, facts("read-only", "generic"), false).statusCode(200).body("cleanup", equalTo(true))
                .body("remove.kind", hasItems("Namespace", "ClusterRoleBinding"));
    }

    private long events(String clusterId, EventType type) {
        return pool.preparedQuery("select count(*) from mooring_outbox where record_key = $1 and type = $2")
                .execute(Tuple.of(clusterId, type.type())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static byte[] decodePem(String pem) {
        String body = String.join("", List.of(pem.split("\n")).stream()
                .filter(line -> !line.startsWith("-----")).toList());
        return Base64.getDecoder().decode(body);
    }
}
