package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.events.payload.ClusterDeleted;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A rule that names webhooks reaches only those; one that names none reaches every enabled webhook, as before. */
@QuarkusTest
class RuleTargetsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aRuleNamingOneWebhookReachesOnlyItWhileARuleNamingNoneReachesAll() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver finance = new Receiver(); Receiver onCall = new Receiver()) {
            Alerts.Endpoint financeHook = Alerts.endpoint(project, finance.url(), "cloudevents");
            Alerts.endpoint(project, onCall.url(), "cloudevents");
            UUID targeted = Alerts.rule(project, rule(project, List.of(financeHook.id().toString())));
            UUID everyone = Alerts.rule(project, rule(project, List.of()));
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", targeted)
                    .then().statusCode(200)
                    .body("webhooks", contains(financeHook.id().toString()))
                    .body("allWebhooks", equalTo(false));
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", everyone)
                    .then().statusCode(200).body("webhooks", empty()).body("allWebhooks", equalTo(true));

            Alerts.publish(new ClusterDeleted(cluster, project, false, "ada-admin", Instant.now()));

            await().atMost(WAIT).until(() -> finance.delivered().size() == 2 && onCall.delivered().size() == 1);
            // Anything wrongly queued for the on-call receiver would be sent within a run or two of the job.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> onCall.requests().size() == 1);
            assertThat(finance.delivered()).extracting(r -> r.json().get("data").get("ruleId").asText())
                    .containsExactlyInAnyOrder(targeted.toString(), everyone.toString());
            assertThat(onCall.delivered().get(0).json().get("data").get("ruleId").asText())
                    .isEqualTo(everyone.toString());
        }
    }

    @Test
    void aWebhookOfAnotherProjectOrAnUnknownOneIsRefusedAsAFieldError() {
        String project = Alerts.project();
        String other = Alerts.project();
        Alerts.Endpoint foreign = Alerts.endpoint(other, "http://127.0.0.1:9/elsewhere", "cloudevents");
        for (String webhook : List.of(foreign.id().toString(), UUID.randomUUID().toString())) {
            given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                    .body(rule(project, List.of(webhook)))
                    .post("/api/v1/notification-rules").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("webhooks"));
        }
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(rule(project, Collections.nCopies(21, UUID.randomUUID().toString())))
                .post("/api/v1/notification-rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("webhooks"));
    }

    @Test
    void aRuleWhoseWebhooksWereAllDeletedGoesNowhereRatherThanToEveryWebhook() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver kept = new Receiver(); Receiver witness = new Receiver()) {
            Alerts.Endpoint first = Alerts.endpoint(project, kept.url(), "cloudevents");
            Alerts.Endpoint second = Alerts.endpoint(project, kept.url(), "cloudevents");
            Alerts.Endpoint witnessHook = Alerts.endpoint(project, witness.url(), "cloudevents");
            UUID targeted = Alerts.rule(project, rule(project, List.of(first.id().toString(),
                    second.id().toString())));
            // Names the witness only: once it has the alert, the targeted rule's alert was raised too.
            Alerts.rule(project, rule(project, List.of(witnessHook.id().toString())));

            given().auth().oauth2(TOKENS.operator(project)).delete("/api/v1/webhooks/{id}", first.id())
                    .then().statusCode(204);
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", targeted)
                    .then().statusCode(200)
                    .body("webhooks", contains(second.id().toString()))
                    .body("allWebhooks", equalTo(false));
            given().auth().oauth2(TOKENS.operator(project)).delete("/api/v1/webhooks/{id}", second.id())
                    .then().statusCode(204);
            given().auth().oauth2(TOKENS.viewer(project)).queryParam("project", project)
                    .get("/api/v1/notification-rules").then().statusCode(200)
                    .body("items.find { it.id == '" + targeted + "' }.webhooks", empty())
                    .body("items.find { it.id == '" + targeted + "' }.allWebhooks", equalTo(false));

            Alerts.publish(new ClusterDeleted(cluster, project, false, "ada-admin", Instant.now()));

            await().atMost(WAIT).until(() -> witness.delivered().size() == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> witness.requests().size() == 1);
            assertThat(kept.requests()).isEmpty();
        }
    }

    private static Map<String, Object> rule(String project, List<String> webhooks) {
        return Map.of("project", project, "name", "deletion-" + UUID.randomUUID(), "trigger", "deletion",
                "quietPeriod", "PT0S", "webhooks", webhooks);
    }
}
