package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterHealthChanged.CheckResult;
import io.mooring.notification.domain.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A webhook's secret rotated: shown once, both signatures during the grace period, then only the new one. */
@QuarkusTest
class SecretRotationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @Inject
    MovableClock clock;

    @AfterEach
    void timeBack() {
        clock.reset();
    }

    @Test
    void theNewSecretIsShownOnceAndTheViewSaysWhenThePreviousOneExpires() {
        String project = Alerts.project();
        Alerts.Endpoint endpoint = Alerts.endpoint(project, "http://127.0.0.1:9/hook", "cloudevents");

        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Response rotated = rotate(TOKENS.operator(project), endpoint.id(), Map.of("gracePeriod", "PT1H"));
        rotated.then().statusCode(200).body("id", equalTo(endpoint.id().toString()));
        String secret = rotated.path("secret");
        assertThat(secret).startsWith(WebhookSignature.PREFIX).isNotEqualTo(endpoint.secret());
        Instant expires = Instant.parse(rotated.path("previousSecretExpiresAt"));
        assertThat(expires).isBetween(before.plus(Duration.ofHours(1)), clock.instant().plus(Duration.ofHours(1)))
                .isEqualTo(expires.truncatedTo(ChronoUnit.SECONDS));

        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}", endpoint.id()).then()
                .statusCode(200).body("secret", nullValue())
                .body("previousSecretExpiresAt", equalTo(rotated.path("previousSecretExpiresAt")));

        // Without a body: the default grace period, a day.
        Response byDefault = given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .post("/api/v1/webhooks/{id}/secret", endpoint.id());
        byDefault.then().statusCode(200);
        assertThat(Instant.parse(byDefault.path("previousSecretExpiresAt")))
                .isAfterOrEqualTo(before.plus(Duration.ofHours(24)));
        assertThat((String) byDefault.path("secret")).isNotEqualTo(secret);
    }

    @Test
    void deliveriesCarryBothSignaturesDuringTheGracePeriodAndOnlyTheNewOneAfterIt() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            String secret = rotatedWithAHealthRule(project, endpoint, "PT1H").path("secret");

            Alerts.publish(health(cluster, project, "Healthy", "Degraded"));
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 1);
            Receiver.Request during = receiver.delivered().get(0);
            assertThat(during.signature()).isEqualTo(signature(secret, during) + " " + signature(endpoint.secret(),
                    during));

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}", endpoint.id()).then()
                    .statusCode(200).body("previousSecretExpiresAt", nullValue());
            Alerts.publish(health(cluster, project, "Degraded", "Healthy"));
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 2);
            Receiver.Request after = receiver.delivered().get(1);
            assertThat(after.signature()).isEqualTo(signature(secret, after));
        }
    }

    @Test
    void aRotationWithoutGraceSignsWithTheNewSecretOnlyAtOnce() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver()) {
            Alerts.Endpoint endpoint = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Response rotated = rotatedWithAHealthRule(project, endpoint, "PT0S");
            assertThat((Object) rotated.path("previousSecretExpiresAt")).isNull();
            String secret = rotated.path("secret");

            Alerts.publish(health(cluster, project, "Healthy", "Unhealthy"));
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 1);
            Receiver.Request delivered = receiver.delivered().get(0);
            assertThat(delivered.signature()).isEqualTo(signature(secret, delivered));
        }
    }

    @Test
    void onlyTheProjectsOperatorsRotateAndOtherProjectsDoNotSeeTheEndpoint() {
        String project = Alerts.project();
        Alerts.Endpoint endpoint = Alerts.endpoint(project, "http://127.0.0.1:9/hook", "cloudevents");

        rotate(TOKENS.viewer(project), endpoint.id(), Map.of()).then().statusCode(403).contentType(PROBLEM);
        rotate(TOKENS.operator("other"), endpoint.id(), Map.of()).then().statusCode(404).contentType(PROBLEM);
        rotate(TOKENS.operator(project), UUID.randomUUID(), Map.of()).then().statusCode(404).contentType(PROBLEM);
        given().contentType("application/json").body(Map.of()).post("/api/v1/webhooks/{id}/secret", endpoint.id())
                .then().statusCode(401);
        // Nothing was rotated: the view shows no grace period.
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}", endpoint.id()).then()
                .statusCode(200).body("previousSecretExpiresAt", nullValue());
    }

    @Test
    void aGracePeriodThatIsNotADurationOrLongerThanADayIsRefused() {
        String project = Alerts.project();
        Alerts.Endpoint endpoint = Alerts.endpoint(project, "http://127.0.0.1:9/hook", "cloudevents");
        for (String grace : List.of("PT24H1S", "P2D", "-PT1H", "soon", "")) {
            rotate(TOKENS.operator(project), endpoint.id(), Map.of("gracePeriod", grace)).then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", equalTo("gracePeriod"));
        }
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json").body("{\"gracePeriod\": 5}")
                .post("/api/v1/webhooks/{id}/secret", endpoint.id()).then().statusCode(400).contentType(PROBLEM);
        rotate(TOKENS.operator(project), endpoint.id(), Map.of("gracePeriod", "PT24H")).then().statusCode(200);
    }

    /** A health rule alerting at once, and the endpoint's secret rotated with that grace period. */
    private static Response rotatedWithAHealthRule(String project, Alerts.Endpoint endpoint, String grace) {
        Alerts.rule(project, "health", "PT0S");
        Response rotated = rotate(TOKENS.operator(project), endpoint.id(), Map.of("gracePeriod", grace));
        rotated.then().statusCode(200);
        return rotated;
    }

    private static Response rotate(String token, UUID id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/v1/webhooks/{id}/secret", id);
    }

    private ClusterHealthChanged health(UUID cluster, String project, String from, String to) {
        return new ClusterHealthChanged(cluster, project, from, to, "Connected",
                List.of(new CheckResult("node-readiness", "Healthy".equals(to) ? "pass" : "warn", "nodes")),
                clock.instant());
    }

    private static String signature(String secret, Receiver.Request request) {
        return WebhookSignature.sign(secret, request.id(), Long.parseLong(request.timestamp()), request.body());
    }
}
