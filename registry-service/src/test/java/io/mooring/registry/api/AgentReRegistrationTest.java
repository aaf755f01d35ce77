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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.registry.MovableClock;
import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent whose pod was rescheduled lost its stored credential (an emptyDir). It still has the spent import token
 * (the manifest's Secret) and the re-registration secret its first registration answered (kept in its identity
 * Secret). It gets a new credential only with that secret, from its own cluster (the kube-system UID the cluster was
 * bound to at the first registration), while the token is the cluster's latest and the cluster is not being deleted.
 * The spent token and the UID alone, which anyone who can read namespaces may know, are not enough. Every
 * re-registration is published; two agents using one identity are detected and both refused until an operator
 * reissues the import command.
 */
@QuarkusTest
class AgentReRegistrationTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    MovableClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void timeIsBackToNormal() {
        clock.reset();
    }

    /** A cluster whose agent registered from the cluster with kube-system UID {@code uid}. */
    private record Imported(String project, String id, String token, String uid, JsonPath credential) {
        String reRegistrationSecret() {
            return credential.getString("reRegistrationSecret");
        }

        /** A re-registration as the agent makes it: spent token, its cluster's UID and its re-registration secret. */
        ValidatableResponse reRegister() {
            return register(token, facts("read-only", "generic"), uid, reRegistrationSecret());
        }
    }

    private static Imported imported(String prefix, String uid) {
        String project = RegistryApi.newProject(prefix);
        JsonPath created = create(project, prefix, "generic", "read-only");
        String token = tokenOf(created.getString("importCommand.manifestUrl"));
        JsonPath credential = register(token, facts("read-only", "generic"), uid).statusCode(200).extract().jsonPath();
        return new Imported(project, created.getString("cluster.id"), token, uid, credential);
    }

    private static Imported imported(String prefix) {
        return imported(prefix, UUID.randomUUID().toString());
    }

    @Test
    void theFirstRegistrationAnswersAReRegistrationSecretAndRefreshesDoNot() {
        Imported cluster = imported("first");
        assertThat(cluster.reRegistrationSecret()).matches("[A-Za-z0-9_-]{43}")
                .isNotEqualTo(cluster.credential().getString("refreshSecret"));
        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(200)
                .body("reRegistrationSecret", nullValue());
    }

    @Test
    void agentRescheduledWithSpentTokenAndItsReRegistrationSecretReRegistersOnItsOwnCluster() {
        Imported cluster = imported("rescheduled");
        // Another cluster's token, never used: once it is purged, a purge has run over the spent token too.
        String unused = create(RegistryApi.newProject("witness"), "witness", "generic", "read-only")
                .getString("importCommand.manifestUrl");

        // Months later (the token expired long ago and the purge ran) the node is drained and the pod rescheduled.
        clock.advance(Duration.ofDays(120));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> fetchManifest(unused).statusCode(404));

        cluster.reRegister().statusCode(200)
                .body("clusterId", equalTo(cluster.id())).body("accessToken", notNullValue())
                .body("refreshSecret", notNullValue()).body("reRegistrationSecret", nullValue());
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("status", equalTo("Running")).body("reRegistrations", equalTo(1))
                .body("lastReRegisteredAt", notNullValue()).body("identityConflict", nullValue());
        // The secret stays the installation's: a later reschedule comes back with it again.
        cluster.reRegister().statusCode(200);
    }

    @Test
    void theSpentTokenAndTheClusterUidAloneNoLongerReRegister() {
        Imported cluster = imported("no-proof");

        // Anyone who can read namespaces knows the UID, and the token was in the manifest: neither is a proof.
        register(cluster.token(), facts("read-only", "generic"), cluster.uid()).statusCode(410).contentType(PROBLEM)
                .body("detail", containsString("already used")).body("detail", containsString("re-registration secret"));
        register(cluster.token(), facts("read-only", "generic"), cluster.uid(), "A".repeat(43)).statusCode(410)
                .contentType(PROBLEM);
        register(cluster.token(), facts("read-only", "generic"), cluster.uid(), "not a secret").statusCode(410);

        // Nothing changed: the registered agent goes on with its own secret.
        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(200);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("reRegistrations", equalTo(0)).body("lastReRegisteredAt", nullValue());
        assertThat(events(cluster.id(), EventType.AGENT_RE_REGISTERED)).isZero();
    }

    @Test
    void reRegistrationReplacesTheRefreshSecretAndTheNewCredentialWorks() {
        Imported cluster = imported("replaced-secret");

        JsonPath again = cluster.reRegister().statusCode(200).extract().jsonPath();

        refresh(cluster.id(), again.getString("refreshSecret")).statusCode(200);
        status(again.getString("accessToken"), facts("read-only", "generic"), false).statusCode(200)
                .body("status", equalTo("Running"));
    }

    @Test
    void everyReRegistrationIsPublishedToTheClusterHistoryAndNoSecondClusterConnected() {
        try (TopicReader lifecycle = TopicReader.of(Topics.CLUSTER_LIFECYCLE)) {
            Imported cluster = imported("history");

            cluster.reRegister().statusCode(200);
            cluster.reRegister().statusCode(200);

            assertThat(events(cluster.id(), EventType.CLUSTER_CONNECTED)).isEqualTo(1);
            assertThat(events(cluster.id(), EventType.AGENT_RE_REGISTERED)).isEqualTo(2);
            JsonPath published = JsonPath.from(lifecycle.awaitOne(cluster.id(),
                    EventType.AGENT_RE_REGISTERED.type()).value());
            assertThat(published.getString("project")).isEqualTo(cluster.project());
            assertThat(published.getInt("reRegistrations")).isEqualTo(1);
            assertThat(published.getString("agentVersion")).isEqualTo("0.1.0");
            assertThat(published.getMap("")).doesNotContainKeys("reRegistrationSecret", "refreshSecret", "importToken");
            RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                    .body("reRegistrations", equalTo(2));
        }
    }

    @Test
    void aSpentTokenFromAnotherClusterIsRefusedLikeAnySpentToken() {
        Imported cluster = imported("other-cluster");

        register(cluster.token(), facts("read-only", "generic"), UUID.randomUUID().toString(),
                cluster.reRegistrationSecret()).statusCode(410).contentType(PROBLEM).body("status", equalTo(410))
                .body("detail", containsString("already used")).body("detail", containsString("new import command"));
        register(cluster.token(), facts("read-only", "generic")).statusCode(410)
                .body("detail", containsString("already used"));

        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(200);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("reRegistrations", equalTo(0)).body("lastReRegisteredAt", nullValue());
    }

    @Test
    void aSpentTokenReplacedByANewImportCommandIsRefusedWhateverItPresents() {
        Imported cluster = imported("reissued");
        String url = reissue(cluster);

        cluster.reRegister().statusCode(410).contentType(PROBLEM).body("detail", containsString("replaced"));

        // The new command's agent registers, and from then on only its token and its secret bring an agent back.
        String newer = tokenOf(url);
        JsonPath fresh = register(newer, facts("read-only", "generic"), cluster.uid()).statusCode(200)
                .extract().jsonPath();
        assertThat(fresh.getString("reRegistrationSecret")).isNotEqualTo(cluster.reRegistrationSecret());
        cluster.reRegister().statusCode(410);
        register(newer, facts("read-only", "generic"), cluster.uid(), cluster.reRegistrationSecret()).statusCode(410);
        register(newer, facts("read-only", "generic"), cluster.uid(), fresh.getString("reRegistrationSecret"))
                .statusCode(200).body("clusterId", equalTo(cluster.id()));
    }

    @Test
    void aClusterBeingDeletedOrDeletedRefusesReRegistration() {
        Imported cluster = imported("leaving");
        given().auth().oauth2(tokens().admin()).delete(CLUSTERS + "/" + cluster.id()).then().statusCode(202);

        cluster.reRegister().statusCode(410).contentType(PROBLEM).body("detail", containsString("being deleted"));

        status(cluster.credential().getString("accessToken"), facts("read-only", "generic"), true).statusCode(200)
                .body("status", equalTo("Deleted"));
        cluster.reRegister().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aClusterRegisteredWithoutAnIdentityNeedsANewImportCommand() {
        String uid = UUID.randomUUID().toString();
        // An agent from before clusters were bound to an identity sends none.
        Imported cluster = imported("unbound", null);

        register(cluster.token(), facts("read-only", "generic"), uid, cluster.reRegistrationSecret()).statusCode(410)
                .contentType(PROBLEM).body("detail", containsString("new import command"));

        String url = reissue(cluster);
        JsonPath bound = register(tokenOf(url), facts("read-only", "generic"), uid).statusCode(200)
                .extract().jsonPath();
        register(tokenOf(url), facts("read-only", "generic"), uid, bound.getString("reRegistrationSecret"))
                .statusCode(200).body("clusterId", equalTo(cluster.id()));
        assertThat(events(cluster.id(), EventType.CLUSTER_CONNECTED)).isEqualTo(1);
    }

    @Test
    void aMalformedClusterUidIsAFieldError() {
        Imported cluster = imported("malformed");
        register(cluster.token(), facts("read-only", "generic"), "not a uid; drop table").statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("clusterUid"));
        register(cluster.token(), facts("read-only", "generic"), "u".repeat(129)).statusCode(400)
                .body("errors[0].field", equalTo("clusterUid"));
    }

    /**
     * Two agents with one identity (say two pods with copies of the identity Secret): the second re-registers, which
     * replaces the first one's refresh secret; the first presents that superseded secret at its next refresh. That
     * is the conflict: both are refused (409) until an operator reissues the import command.
     */
    @Test
    void twoAgentsFightingOverOneIdentityAreBothRefusedUntilTheImportCommandIsReissued() {
        Imported cluster = imported("fight");
        JsonPath second = cluster.reRegister().statusCode(200).extract().jsonPath();

        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("agent-identity-conflict")).body("detail", containsString("import command"));

        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("identityConflict.detectedAt", notNullValue())
                .body("identityConflict.reason", containsString("re-registration"));
        refresh(cluster.id(), second.getString("refreshSecret")).statusCode(409).contentType(PROBLEM);
        cluster.reRegister().statusCode(409).contentType(PROBLEM);
        status(second.getString("accessToken"), facts("read-only", "generic"), false).statusCode(409)
                .contentType(PROBLEM);
        assertThat(events(cluster.id(), EventType.AGENT_IDENTITY_CONFLICT)).isEqualTo(1);

        // The operator reissues the command: the conflict is over and neither copy's credential works any more.
        String url = reissue(cluster);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("identityConflict", nullValue());
        refresh(cluster.id(), second.getString("refreshSecret")).statusCode(401);
        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(401);
        cluster.reRegister().statusCode(410);

        // The agent of the new command registers afresh and works.
        JsonPath fresh = register(tokenOf(url), facts("read-only", "generic"), cluster.uid()).statusCode(200)
                .extract().jsonPath();
        refresh(cluster.id(), fresh.getString("refreshSecret")).statusCode(200);
        status(fresh.getString("accessToken"), facts("read-only", "generic"), false).statusCode(200);
    }

    @Test
    void aRescheduledAgentWhosePredecessorIsGoneCausesNoConflict() {
        Imported cluster = imported("no-fight");
        JsonPath second = cluster.reRegister().statusCode(200).extract().jsonPath();

        // The new pod refreshes as usual, again and again; the old pod never comes back.
        String secret = second.getString("refreshSecret");
        for (int i = 0; i < 3; i++) {
            secret = refresh(cluster.id(), secret).statusCode(200).extract().jsonPath().getString("refreshSecret");
        }
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("identityConflict", nullValue());
        assertThat(events(cluster.id(), EventType.AGENT_IDENTITY_CONFLICT)).isZero();
    }

    @Test
    void aSupersededRefreshSecretOutsideTheConflictWindowIsOnlyRefused() {
        Imported cluster = imported("late-ghost");
        cluster.reRegister().statusCode(200);

        // The conflict window (1 h by default) is over: an agent that old is refused, not taken for a second agent.
        clock.advance(Duration.ofMinutes(61));
        refresh(cluster.id(), cluster.credential().getString("refreshSecret")).statusCode(401).contentType(PROBLEM);
        RegistryApi.get(tokens().viewer(cluster.project()), cluster.id()).statusCode(200)
                .body("identityConflict", nullValue());
    }

    private static String reissue(Imported cluster) {
        return given().auth().oauth2(tokens().operator(cluster.project()))
                .post(CLUSTERS + "/" + cluster.id() + "/import-command")
                .then().statusCode(200).extract().jsonPath().getString("importCommand.manifestUrl");
    }

    private long events(String clusterId, EventType type) {
        return pool.preparedQuery("select count(*) from mooring_outbox where record_key = $1 and type = $2")
                .execute(Tuple.of(clusterId, type.type())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
