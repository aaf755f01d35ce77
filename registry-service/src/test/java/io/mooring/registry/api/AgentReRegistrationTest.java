package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.fetchManifest;
import static io.mooring.registry.RegistryApi.refresh;
import static io.mooring.registry.RegistryApi.register;
import static io.mooring.registry.RegistryApi.status;
import static io.mooring.registry.RegistryApi.tokenOf;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.EventType;
import io.mooring.registry.MovableClock;
import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent whose pod was rescheduled lost its stored credential (an emptyDir) and holds only the spent import token
 * from its Secret. It gets a new credential with that token only from its own cluster (the kube-system UID the
 * cluster was bound to at the first registration), while the token is the cluster's latest and the cluster is not
 * being deleted.
 */
@QuarkusTest
class AgentReRegistrationTest {

    @Inject
    MovableClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void timeIsBackToNormal() {
        clock.reset();
    }

    /** A cluster whose agent registered from the cluster with kube-system UID {@code uid}. */
    private record Imported(String project, String id, String token, JsonPath credential) {
    }

    private static Imported imported(String prefix, String uid) {
        String project = RegistryApi.newProject(prefix);
        JsonPath created = create(project, prefix, "generic", "read-only");
        String token = tokenOf(created.getString("importCommand.manifestUrl"));
        JsonPath credential = register(token, facts("read-only", "generic"), uid).statusCode(200).extract().jsonPath();
        return new Imported(project, created.getString("cluster.id"), token, credential);
    }

    @Test
    void agentRescheduledWithSpentTokenReRegistersOnItsOwnCluster() {
        String uid = UUID.randomUUID().toString();
        Imported cluster = imported("rescheduled", uid);
        // Another cluster's token, never used: once it is purged, a purge has run over the spent token too.
        String unused = create(RegistryApi.newProject("witness"), "witness", "generic", "read-only")
                .getString("importCommand.manifestUrl");

        // Months later (the token expired long ago and the purge ran) the node is drained and the pod rescheduled.
        clock.advance(Duration.ofDays(120));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> fetchManifest(unused).statusCode(404));

        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(200)
                .body("clusterId", equalTo(cluster.id())).body("accessToken", notNullValue())
                .body("refreshSecret", notNullValue());
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("status", equalTo("Running")).body("reRegistrations", equalTo(1))
                .body("lastReRegisteredAt", notNullValue());
    }

    @Test
    void reRegistrationReplacesTheOldRefreshSecretAndTheNewCredentialWorks() {
        String uid = UUID.randomUUID().toString();
        Imported cluster = imported("replaced-secret", uid);

        JsonPath again = register(cluster.token(), facts("read-only", "generic"), uid).statusCode(200)
                .extract().jsonPath();

        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(401)
                .contentType("application/problem+json");
        refresh(cluster.id(), again.getString("refreshSecret")).statusCode(200);
        status(again.getString("accessToken"), facts("read-only", "generic"), false).statusCode(200)
                .body("status", equalTo("Running"));
    }

    @Test
    void reRegistrationPublishesNoSecondClusterConnected() {
        String uid = UUID.randomUUID().toString();
        Imported cluster = imported("connected-once", uid);

        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(200);
        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(200);

        assertThat(events(cluster.id(), EventType.CLUSTER_CONNECTED)).isEqualTo(1);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("reRegistrations", equalTo(2));
    }

    @Test
    void aSpentTokenFromAnotherClusterIsRefusedLikeAnySpentToken() {
        Imported cluster = imported("other-cluster", UUID.randomUUID().toString());

        register(cluster.token(), facts("read-only", "generic"), UUID.randomUUID().toString()).statusCode(410)
                .contentType("application/problem+json").body("status", equalTo(410))
                .body("detail", containsString("already used")).body("detail", containsString("new import command"));
        register(cluster.token(), facts("read-only", "generic")).statusCode(410)
                .body("detail", containsString("already used"));

        // Nothing changed: the registered agent goes on with its own secret.
        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(200);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("reRegistrations", equalTo(0)).body("lastReRegisteredAt", nullValue());
    }

    @Test
    void aSpentTokenReplacedByANewImportCommandIsRefused() {
        String uid = UUID.randomUUID().toString();
        Imported cluster = imported("reissued", uid);
        String url = given().auth().oauth2(tokens().operator(cluster.project()))
                .post(CLUSTERS + "/" + cluster.id() + "/import-command")
                .then().statusCode(200).extract().jsonPath().getString("importCommand.manifestUrl");

        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("replaced"));

        // The new command's agent registers, and from then on only its token can bring an agent back.
        String newer = tokenOf(url);
        register(newer, facts("read-only", "generic"), uid).statusCode(200);
        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(410);
        register(newer, facts("read-only", "generic"), uid).statusCode(200).body("clusterId", equalTo(cluster.id()));
    }

    @Test
    void aClusterBeingDeletedOrDeletedRefusesReRegistration() {
        String uid = UUID.randomUUID().toString();
        Imported cluster = imported("leaving", uid);
        given().auth().oauth2(tokens().admin()).delete(CLUSTERS + "/" + cluster.id()).then().statusCode(202);

        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("being deleted"));

        status(cluster.credential().getString("accessToken"), facts("read-only", "generic"), true).statusCode(200)
                .body("status", equalTo("Deleted"));
        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aClusterRegisteredWithoutAnIdentityNeedsANewImportCommand() {
        String uid = UUID.randomUUID().toString();
        // An agent from before clusters were bound to an identity sends none.
        Imported cluster = imported("unbound", null);

        register(cluster.token(), facts("read-only", "generic"), uid).statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("new import command"));

        String url = given().auth().oauth2(tokens().operator(cluster.project()))
                .post(CLUSTERS + "/" + cluster.id() + "/import-command")
                .then().statusCode(200).extract().jsonPath().getString("importCommand.manifestUrl");
        register(tokenOf(url), facts("read-only", "generic"), uid).statusCode(200);
        register(tokenOf(url), facts("read-only", "generic"), uid).statusCode(200)
                .body("clusterId", equalTo(cluster.id()));
        assertThat(events(cluster.id(), EventType.CLUSTER_CONNECTED)).isEqualTo(1);
    }

    @Test
    void aMalformedClusterUidIsAFieldError() {
        Imported cluster = imported("malformed", UUID.randomUUID().toString());
        register(cluster.token(), facts("read-only", "generic"), "not a uid; drop table").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("clusterUid"));
        register(cluster.token(), facts("read-only", "generic"), "u".repeat(129)).statusCode(400)
                .body("errors[0].field", equalTo("clusterUid"));
    }

    private long events(String clusterId, EventType type) {
        return pool.preparedQuery("select count(*) from mooring_outbox where record_key = $1 and type = $2")
                .execute(Tuple.of(clusterId, type.type())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
