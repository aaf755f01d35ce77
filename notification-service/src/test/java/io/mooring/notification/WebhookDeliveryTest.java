package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterHealthChanged.CheckResult;
import io.mooring.events.payload.ModeChanged;
import io.mooring.notification.Receiver.Answer;
import io.mooring.notification.domain.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alerts delivered to real HTTP receivers: signed, in order per cluster, retried, never duplicated, disabled. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aDegradedClusterAndItsRecoveryArriveAsSignedCloudEventsWithTheFailingChecks() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "health", "PT0S");

            Instant at = Instant.now();
            Alerts.publish(new ClusterHealthChanged(cluster, project, "Healthy", "Degraded", "Connected", List.of(
                    new CheckResult("agent-connected", "pass", "Last heartbeat 2 s ago"),
                    new CheckResult("node-readiness", "warn", "1 of 3 nodes not ready: n1")), at));
            Alerts.publish(new ClusterHealthChanged(cluster, project, "Degraded", "Healthy", "Connected", List.of(
                    new CheckResult("node-readiness", "pass", "3 of 3 nodes ready")), at.plusSeconds(30)));

            await().atMost(WAIT).until(() -> receiver.delivered().size() == 2);
            List<Receiver.Request> delivered = receiver.delivered();
            for (Receiver.Request request : delivered) {
                assertThat(request.signature()).isEqualTo(WebhookSignature.sign(endpoint.secret(), request.id(),
                        Long.parseLong(request.timestamp()), request.body()));
                assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.timestamp())))
                        .isLessThan(60);
                assertThat(request.contentType()).startsWith("application/cloudevents+json");
                assertThat(request.json().get("id").asText()).isEqualTo(request.id());
                assertThat(request.json().get("specversion").asText()).isEqualTo("1.0");
                assertThat(request.json().get("type").asText()).isEqualTo("io.mooring.alert.health.v1");
                assertThat(request.json().get("subject").asText()).isEqualTo(cluster.toString());
            }
            var degraded = delivered.get(0).json().get("data");
            assertThat(degraded.get("condition").asText()).isEqualTo("Degraded");
            assertThat(degraded.get("problem").asBoolean()).isTrue();
            assertThat(degraded.get("clusterName").asText()).startsWith("c-");
            assertThat(degraded.get("checks")).hasSize(1);
            assertThat(degraded.get("checks").get(0).get("name").asText()).isEqualTo("node-readiness");
            var recovered = delivered.get(1).json().get("data");
            assertThat(recovered.get("condition").asText()).isEqualTo("Healthy");
            assertThat(recovered.get("previous").asText()).isEqualTo("Degraded");
            assertThat(recovered.get("problem").asBoolean()).isFalse();

            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}/deliveries", endpoint.id())
                    .then().statusCode(200)
                    .body("items.size()", equalTo(2))
                    .body("items[0].status", equalTo("delivered"))
                    .body("items[0].attempts", equalTo(1))
                    .body("items[0].lastStatusCode", equalTo(200));
        }
    }

    @Test
    void aFlappingClusterIsToldOnceAndItsFinalStateAfterTheQuietPeriod() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "health", "PT2S");

            Instant at = Instant.now();
            String[] states = {"Healthy", "Degraded", "Healthy", "Degraded", "Healthy"};
            for (int i = 1; i < states.length; i++) {
                Alerts.publish(new ClusterHealthChanged(cluster, project, states[i - 1], states[i], "Connected",
                        List.of(new CheckResult("node-readiness", "Healthy".equals(states[i]) ? "pass" : "warn",
                                "nodes")), at.plusSeconds(i)));
            }

            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 2);
            // Whatever else might come would come within another sweep or two.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 2);
            assertThat(receiver.delivered()).extracting(r -> r.json().get("data").get("condition").asText())
                    .containsExactly("Degraded", "Healthy");
        }
    }

    @Test
    void aClusterGoingDarkAndAFailingLayerAreToldAndTheirRecoveriesButOnlyForTheRulesCluster() throws Exception {
        String project = Alerts.project();
        UUID watched = Alerts.cluster(project, pool);
        UUID other = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, Map.of("project", project, "name", "dark", "trigger", "connectivity",
                    "clusterId", watched.toString(), "quietPeriod", "PT0S"));
            Alerts.rule(project, "addon", "PT0S");
            UUID attachment = UUID.randomUUID();

            Instant at = Instant.now();
            Alerts.publish(new ClusterHealthChanged(other, project, "Healthy", "Unknown", "Disconnected", List.of(), at));
            Alerts.publish(new ClusterHealthChanged(watched, project, "Healthy", "Unknown", "Disconnected", List.of(),
                    at));
            Alerts.publish(new ClusterHealthChanged(watched, project, "Unknown", "Healthy", "Connected", List.of(),
                    at.plusSeconds(60)));
            Alerts.publish(new AddonDeploymentChanged(other, project, attachment, "observability", "1.2.0", "crds",
                    "Deployed", "Failed", "CRD rejected", at.plusSeconds(61)));
            Alerts.publish(new AddonDeploymentChanged(other, project, attachment, "observability", "1.2.0", "crds",
                    "Failed", "Applying", null, at.plusSeconds(62)));
            Alerts.publish(new AddonDeploymentChanged(other, project, attachment, "observability", "1.2.0", "crds",
                    "Applying", "Deployed", null, at.plusSeconds(63)));

            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 4);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 4);
            assertThat(receiver.delivered()).extracting(r -> r.json().get("type").asText() + " "
                    + r.json().get("subject").asText() + " " + r.json().get("data").get("condition").asText())
                    .containsExactlyInAnyOrder(
                            "io.mooring.alert.connectivity.v1 " + watched + " Disconnected",
                            "io.mooring.alert.connectivity.v1 " + watched + " Connected",
                            "io.mooring.alert.addon.v1 " + other + " Failed",
                            "io.mooring.alert.addon.v1 " + other + " Deployed");
            var failed = receiver.delivered().stream().map(Receiver.Request::json)
                    .filter(j -> j.get("data").get("condition").asText().equals("Failed")).findFirst().orElseThrow();
            assertThat(failed.get("data").get("layer").asText()).isEqualTo("crds");
            assertThat(failed.get("data").get("message").asText()).isEqualTo("CRD rejected");
        }
    }

    @Test
    void oneClustersAlertsArriveInOrderWhileTheFirstIsRetriedAfter500s() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            receiver.then(Answer.status(500), Answer.status(503));
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "migration", "PT0S");

            Instant at = Instant.now();
            for (int i = 0; i < 3; i++) {
                Alerts.publish(new ModeChanged(cluster, project, i % 2 == 0 ? "read-only" : "full-permission",
                        i % 2 == 0 ? "full-permission" : "read-only", "otto-" + i, at.plusSeconds(i)));
            }

            await().atMost(WAIT).until(() -> receiver.delivered().size() == 3);
            assertThat(receiver.requests()).hasSize(5);
            assertThat(receiver.requests().subList(0, 3)).extracting(Receiver.Request::id).containsOnly(
                    receiver.delivered().get(0).id());
            assertThat(receiver.delivered()).extracting(r -> r.json().get("data").get("requestedBy").asText())
                    .containsExactly("otto-0", "otto-1", "otto-2");
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}/deliveries", endpoint.id())
                    .then().statusCode(200)
                    .body("items[2].attempts", equalTo(3))
                    .body("items[2].status", equalTo("delivered"))
                    .body("items[2].lastError", equalTo(null));
        }
    }

    @Test
    void anAttemptThatTimesOutIsRetriedWithTheSameWebhookId() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            receiver.then(new Answer(200, Duration.ofMillis(2500)));
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "deletion", "PT0S");

            Alerts.publish(new ClusterDeleted(cluster, project, false, "ada-admin", Instant.now()));

            await().atMost(WAIT).until(() -> receiver.requests().size() >= 2
                    && given().auth().oauth2(TOKENS.viewer(project))
                            .get("/api/v1/webhooks/{id}/deliveries", endpoint.id()).path("items[0].status")
                            .equals("delivered"));
            assertThat(receiver.requests()).extracting(Receiver.Request::id).containsOnly(
                    receiver.requests().get(0).id());
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}/deliveries", endpoint.id())
                    .then().body("items[0].attempts", equalTo(2));
        }
    }

    @Test
    void theSameChangePublishedTwiceIsDeliveredOnceAndARedeliveryKeepsItsId() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, "migration", "PT0S");

            Instant at = Instant.now();
            ModeChanged change = new ModeChanged(cluster, project, "read-only", "full-permission", "otto", at);
            Alerts.publish(change);
            // As an outbox would after a crash between publishing and marking: the same event, a new id.
            Alerts.publish(change);
            Alerts.publish(new ModeChanged(cluster, project, "full-permission", "read-only", "otto", at.plusSeconds(1)));

            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 2);
            String firstId = receiver.delivered().get(0).id();
            assertThat(receiver.delivered().get(1).id()).isNotEqualTo(firstId);

            long deliveryId = ((Number) given().auth().oauth2(TOKENS.viewer(project))
                    .get("/api/v1/webhooks/{id}/deliveries", endpoint.id()).path("items[1].id")).longValue();
            given().auth().oauth2(TOKENS.operator(project))
                    .post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", endpoint.id(), deliveryId)
                    .then().statusCode(202).body("status", equalTo("pending"));
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 3);
            assertThat(receiver.delivered().get(2).id()).isEqualTo(firstId);
            assertThat(receiver.delivered().get(2).body()).isEqualTo(receiver.delivered().get(0).body());
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}/deliveries", endpoint.id())
                    .then().body("items[1].redeliveries", equalTo(1)).body("items[1].status", equalTo("delivered"));
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithTheReason() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        UUID other = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            receiver.alwaysAnswer(500);
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "slack");
            Alerts.rule(project, "deletion", "PT0S");

            Alerts.publish(new ClusterDeleted(cluster, project, false, "ada-admin", Instant.now()));
            Alerts.publish(new ClusterDeleted(other, project, true, "ada-admin", Instant.now()));

            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TOKENS.viewer(project))
                    .get("/api/v1/webhooks/{id}", endpoint.id()).then().statusCode(200)
                    .body("enabled", equalTo(false))
                    .body("disabledReason", containsString("6 failed attempts in a row"))
                    .body("disabledReason", containsString("HTTP 500")));
            // Both deliveries are tried side by side (two clusters): the sixth failure disables the endpoint, and a
            // seventh may already have been on its way.
            assertThat(receiver.requests().size()).isBetween(6, 7);
            assertThat(receiver.requests().get(0).json().get("text").asText()).contains("deleted");

            receiver.alwaysAnswer(200);
            given().auth().oauth2(TOKENS.operator(project)).post("/api/v1/webhooks/{id}/enable", endpoint.id())
                    .then().statusCode(200).body("enabled", equalTo(true)).body("consecutiveFailures", equalTo(0));
            // The delivery that had attempts left is sent once the endpoint is back.
            await().atMost(WAIT).until(() -> receiver.delivered().size() >= 1);
        }
    }

    @Test
    void anEndpointDisabledByAnOperatorGetsNoAlertsRaisedMeanwhileAndAViewerMayNotDisableIt() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver(); Receiver witness = new Receiver()) {
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            // Stays enabled: once it has the alert, the alert was raised, and queued for enabled endpoints only.
            Alerts.endpoint(project, witness.url(), "cloudevents");
            Alerts.rule(project, "deletion", "PT0S");
            given().auth().oauth2(TOKENS.viewer(project)).post("/api/v1/webhooks/{id}/disable", endpoint.id())
                    .then().statusCode(403);

            given().auth().oauth2(TOKENS.operator(project)).post("/api/v1/webhooks/{id}/disable", endpoint.id())
                    .then().statusCode(200).body("enabled", equalTo(false))
                    .body("disabledReason", containsString("Disabled by"));
            Alerts.publish(new ClusterDeleted(cluster, project, false, "ada-admin", Instant.now()));
            await().atMost(WAIT).until(() -> witness.delivered().size() == 1);

            given().auth().oauth2(TOKENS.operator(project)).post("/api/v1/webhooks/{id}/enable", endpoint.id())
                    .then().statusCode(200).body("enabled", equalTo(true));
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}/deliveries", endpoint.id())
                    .then().statusCode(200).body("items.size()", equalTo(0));
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
