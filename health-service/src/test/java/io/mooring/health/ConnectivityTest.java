package io.mooring.health;

import static io.mooring.health.Clusters.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.health.service.ConnectivityService;
import io.mooring.testsupport.Tokens;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every connectivity transition, with the service's clock moved by the test and the sweep run by hand. */
@QuarkusTest
class ConnectivityTest {

    @Inject
    TestClock clock;

    @Inject
    ConnectivityService connectivity;

    @Test
    void theFirstHeartbeatConnectsAPendingCluster() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());

        Clusters.heartbeat(id).then().statusCode(200)
                .body("connectivity", equalTo("Connected")).body("duplicate", equalTo(false));

        admin("/api/v1/clusters/{id}/health", id).then()
                .body("connectivity", equalTo("Connected"))
                .body("agentVersion", equalTo("0.1.0"))
                // Connected but no inventory yet: nothing current to judge.
                .body("health", equalTo("Unknown"))
                .body("checks[0].message", equalTo("The agent is connected but has not reported an inventory yet"));
        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items.findAll { it.kind == 'connectivity' }.current", contains("Connected"))
                .body("items.findAll { it.kind == 'connectivity' }.previous", contains("Pending"));
    }

    @Test
    void aHistoryCursorTheServiceDidNotSignIsABadRequestNamingTheCursor() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());
        Clusters.heartbeat(id).then().statusCode(200);
        // The old, unsigned format: anyone could write a position of their choosing.
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("h1.5".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(Tokens.shared().admin())
                .queryParam("cursor", forged)
                .get("/api/v1/clusters/{id}/health/history", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aResentHeartbeatCountsOnce() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());
        var heartbeat = Reports.heartbeat();

        Clusters.post(id, "heartbeat", heartbeat).then().statusCode(200).body("duplicate", equalTo(false));
        Clusters.post(id, "heartbeat", heartbeat).then().statusCode(200).body("duplicate", equalTo(true));
    }

    @Test
    void silenceBeyondTheThresholdDisconnectsAndTheNextHeartbeatReconnects() throws Exception {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());
        Clusters.heartbeat(id).then().statusCode(200);
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(3))).then().statusCode(200)
                .body("health", equalTo("Healthy"));
        Instant last = Instant.parse(admin("/api/v1/clusters/{id}/health", id).jsonPath().getString("lastHeartbeat"));

        clock.advance(Duration.ofMinutes(9));
        sweep();
        admin("/api/v1/clusters/{id}/health", id).then().body("connectivity", equalTo("Connected"));

        clock.advance(Duration.ofMinutes(2));
        sweep();
        admin("/api/v1/clusters/{id}/health", id).then()
                .body("connectivity", equalTo("Disconnected"))
                .body("health", equalTo("Unknown"))
                .body("checks", hasSize(1))
                .body("checks[0].status", equalTo("fail"))
                .body("checks[0].message", startsWith("No heartbeat from the agent for 11m"));
        JsonPath history = admin("/api/v1/clusters/{id}/health/history", id).jsonPath();
        assertThat(history.getString("items[0].kind")).isEqualTo("health");
        assertThat(history.getString("items[0].current")).isEqualTo("Unknown");
        assertThat(history.getString("items[1].current")).isEqualTo("Disconnected");
        assertThat(Instant.parse(history.getString("items[1].at")))
                .as("recorded when the threshold passed, not when the sweep ran")
                .isEqualTo(last.plus(Duration.ofMinutes(10)));
        try (TopicReader reader = TopicReader.of(Topics.CLUSTER_HEALTH)) {
            var records = reader.await(r -> id.toString().equals(r.key())
                    && EventType.CLUSTER_HEALTH_CHANGED.type().equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains("\"Disconnected\""), 1, Duration.ofSeconds(20));
            var payload = Clusters.JSON.readTree(records.get(0).value());
            assertThat(payload.get("previous").asText()).isEqualTo("Healthy");
            assertThat(payload.get("current").asText()).isEqualTo("Unknown");
        }

        sweep();
        assertThat(admin("/api/v1/clusters/{id}/health/history", id).jsonPath().getList("items"))
                .as("a second sweep changes nothing").hasSize(history.getList("items").size());

        Clusters.heartbeat(id).then().statusCode(200).body("connectivity", equalTo("Connected"))
                .body("health", equalTo("Healthy"));
        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items[0].current", equalTo("Healthy"))
                .body("items[1].kind", equalTo("connectivity"))
                .body("items[1].previous", equalTo("Disconnected"))
                .body("items[1].current", equalTo("Connected"));
    }

    @Test
    void aSilenceNoSweepSawIsStillRecordedByTheNextHeartbeat() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());
        Clusters.heartbeat(id).then().statusCode(200);

        clock.advance(Duration.ofMinutes(25));
        Clusters.heartbeat(id).then().statusCode(200).body("connectivity", equalTo("Connected"));

        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items.findAll { it.kind == 'connectivity' }.current",
                        contains("Connected", "Disconnected", "Connected"));
    }

    @Test
    void concurrentHeartbeatsRecordTheConnectionOnce() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> Clusters.heartbeat(id).statusCode()));
        }
        calls.forEach(c -> assertThat(c.join()).isEqualTo(200));

        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items.findAll { it.kind == 'connectivity' }", hasSize(1));
    }

    @Test
    void aPendingClusterStaysPendingThroughSweeps() {
        UUID id = Clusters.imported("cn-" + UUID.randomUUID());

        clock.advance(Duration.ofMinutes(30));
        sweep();

        admin("/api/v1/clusters/{id}/health", id).then().body("connectivity", equalTo("Pending"));
    }

    private void sweep() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> connectivity.sweep());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
