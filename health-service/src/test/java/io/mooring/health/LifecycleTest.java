package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.mooring.health.Clusters.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.events.EventType;
import io.mooring.events.Modes;
import io.mooring.events.Topics;
import io.mooring.events.payload.AgentIdentityConflict;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.events.payload.ClusterImported;
import io.mooring.health.service.EventLogService;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lifecycle events from the real broker: imported clusters appear Pending, deleted ones vanish. */
@QuarkusTest
class LifecycleTest {

    @Inject
    Pool pool;

    @Inject
    EventLogService events;

    @Test
    void anImportedClusterAppearsPendingAndUnknownAndThatIsPublished() throws Exception {
        UUID id = Clusters.imported("lc-" + UUID.randomUUID());

        admin("/api/v1/clusters/{id}/health", id).then().statusCode(200)
                .body("connectivity", equalTo("Pending"))
                .body("health", equalTo("Unknown"))
                .body("importMode", equalTo("read-only"))
                .body("checks[0].name", equalTo("agent-connected"))
                .body("checks[0].status", equalTo("warn"))
                .body("checks[0].message", equalTo("The agent has not connected yet"));
        admin("/api/v1/clusters/{id}/health/history", id).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].kind", equalTo("health"))
                .body("items[0].current", equalTo("Unknown"));
        try (TopicReader reader = TopicReader.of(Topics.CLUSTER_HEALTH)) {
            var record = reader.awaitOne(id.toString(), EventType.CLUSTER_HEALTH_CHANGED.type());
            var payload = Clusters.JSON.readTree(record.value());
            assertThat(payload.get("current").asText()).isEqualTo("Unknown");
            assertThat(payload.get("connectivity").asText()).isEqualTo("Pending");
            assertThat(payload.get("previous").isNull()).isTrue();
        }
    }

    @Test
    void aModeChangeIsRecorded() {
        String project = "lc-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);

        Clusters.modeChanged(id, project);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin("/api/v1/clusters/{id}/health", id)
                .then().body("importMode", equalTo(Modes.FULL_PERMISSION)));
    }

    @Test
    void reRegistrationsAndIdentityConflictsOfTheAgentAreInTheClusterHistory() {
        String project = "lc-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);

        Clusters.publish(new AgentReRegistered(id, project, 1, "0.1.0", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin("/api/v1/clusters/{id}/health/history", id)
                .then().statusCode(200)
                .body("items[0].kind", equalTo("agent"))
                .body("items[0].current", equalTo("re-registered"))
                .body("items[0].summary", containsString("re-registration 1")));

        Clusters.publish(new AgentIdentityConflict(id, project, "Two agents use this cluster's identity.",
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin("/api/v1/clusters/{id}/health/history", id)
                .then().statusCode(200)
                .body("items[0].kind", equalTo("agent"))
                .body("items[0].current", equalTo("conflict"))
                .body("items[0].summary", equalTo("Two agents use this cluster's identity."))
                .body("items[1].current", equalTo("re-registered")));
    }

    @Test
    void aDeletedClusterVanishesItsAgentIsRefusedAndItsEventLogIsPurged() throws Throwable {
        String project = "lc-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        Clusters.heartbeat(id).then().statusCode(200);
        Clusters.post(id, "events", Reports.batch(Reports.event("Warning", "BackOff", "shop", "Pod", "web-1", 3,
                Instant.now()))).then().statusCode(200);
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(2))).then().statusCode(200);

        Clusters.deleted(id, project);

        admin("/api/v1/clusters/{id}/events", id).then().statusCode(404);
        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(404);
        Clusters.heartbeat(id).then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Cluster deleted"));
        Clusters.post(id, "events", Reports.batch(Reports.event("Normal", "Pulled", "shop", "Pod", "web-1", 1,
                Instant.now()))).then().statusCode(403);
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(2))).then().statusCode(403);

        VertxContextSupport.subscribeAndAwait(() -> events.applyRetention());
        assertThat(count("select count(*) from cluster_event where cluster_id = $1", id)).isZero();
        assertThat(count("select count(*) from health_history where cluster_id = $1", id)).isZero();
        assertThat(count("select count(*) from deleted_cluster where cluster_id = $1 and events_purged_at is not null",
                id)).isEqualTo(1);
    }

    @Test
    void aReplayedImportDoesNotBringADeletedClusterBack() {
        String project = "lc-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        Clusters.deleted(id, project);

        UUID replay = Clusters.publish(new ClusterImported(id, project, "again", "generic", Modes.READ_ONLY, Map.of(),
                "otto-operator", Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", replay) == 1);
        admin("/api/v1/clusters/{id}/health", id).then().statusCode(404);
        Clusters.heartbeat(id).then().statusCode(403);
    }

    @Test
    void anAgentOfAClusterNotImportedHereYetIsToldToComeBackAfterRetryAfter() {
        UUID stranger = UUID.randomUUID();

        Clusters.heartbeat(stranger).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "10").body("type", endsWith("/cluster-not-known-yet"));
        Clusters.post(stranger, "events", Reports.batch(Reports.event("Normal", "Pulled", "shop", "Pod", "x", 1,
                Instant.now()))).then().statusCode(503).header("Retry-After", "10");
        Clusters.post(stranger, "inventory", Reports.report(Reports.healthy(1))).then().statusCode(503)
                .header("Retry-After", "10");
    }

    @Test
    void anImportedClusterIsVisibleToItsProjectOnly() {
        String project = "lc-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);

        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/health", id).then().statusCode(200);
        given().auth().oauth2(TOKENS.viewer("other")).get("/api/v1/clusters/{id}/health", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/fleet/health").then().statusCode(200)
                .body("total", equalTo(1)).body("byConnectivity.Pending", equalTo(1))
                .body("byHealth.Unknown", equalTo(1));
        given().auth().oauth2(TOKENS.admin()).get("/api/v1/fleet/health").then().statusCode(200)
                .body("byConnectivity.keySet()", hasItem("Pending"));
    }

    private long count(String sql, UUID parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().next().getLong(0);
    }
}
