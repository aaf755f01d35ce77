package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterHealthChanged.CheckResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A rule changed in place: its next alert follows the new settings, and what it already told still counts. */
@QuarkusTest
class RuleUpdateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aRetargetedRuleSendsItsNextAlertToTheNewWebhookOnlyAndBackToAllWebhooksToEvery() throws Exception {
        String project = Alerts.project();
        UUID first = Alerts.cluster(project, pool);
        UUID second = Alerts.cluster(project, pool);
        try (Receiver before = new Receiver(); Receiver after = new Receiver()) {
            Alerts.Endpoint oldHook = Alerts.endpoint(project, before.url(), "cloudevents");
            Alerts.Endpoint newHook = Alerts.endpoint(project, after.url(), "cloudevents");
            UUID rule = Alerts.rule(project, Map.of("project", project, "name", "deletion-" + UUID.randomUUID(),
                    "trigger", "deletion", "webhooks", List.of(oldHook.id().toString())));

            patch(TOKENS.operator(project), rule, Map.of("webhooks", List.of(newHook.id().toString())))
                    .statusCode(200)
                    .body("id", equalTo(rule.toString()))
                    .body("webhooks", contains(newHook.id().toString()))
                    .body("allWebhooks", equalTo(false));
            // A generated client sends an empty list for webhooks it was not given: the targets stay.
            patch(TOKENS.operator(project), rule, Map.of("quietPeriod", "PT0S", "webhooks", List.of()))
                    .statusCode(200)
                    .body("webhooks", contains(newHook.id().toString()))
                    .body("allWebhooks", equalTo(false));
            Alerts.publish(new ClusterDeleted(first, project, false, "ada-admin", Instant.now()));

            await().atMost(WAIT).until(() -> after.delivered().size() == 1);
            // Anything wrongly queued for the old webhook would be sent within a run or two of the job.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> before.requests().isEmpty());

            patch(TOKENS.operator(project), rule, Map.of("allWebhooks", true)).statusCode(200)
                    .body("webhooks", empty())
                    .body("allWebhooks", equalTo(true));
            Alerts.publish(new ClusterDeleted(second, project, false, "ada-admin", Instant.now()));

            await().atMost(WAIT).until(() -> before.delivered().size() == 1 && after.delivered().size() == 2);
            assertThat(before.delivered().get(0).json().get("subject").asText()).isEqualTo(second.toString());
            assertThat(before.delivered().get(0).json().get("data").get("ruleId").asText())
                    .isEqualTo(rule.toString());
        }
    }

    @Test
    void aChangedRuleKeepsWhatItsQuietPeriodAlreadyToldAndTellsTheNextChangeUnderItsNewName() throws Exception {
        String project = Alerts.project();
        UUID cluster = Alerts.cluster(project, pool);
        try (Receiver receiver = new Receiver(); Receiver witness = new Receiver()) {
            Alerts.Endpoint hook = Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.Endpoint witnessHook = Alerts.endpoint(project, witness.url(), "cloudevents");
            UUID rule = Alerts.rule(project, Map.of("project", project, "name", "health-" + UUID.randomUUID(),
                    "trigger", "health", "quietPeriod", "PT1H", "webhooks", List.of(hook.id().toString())));
            Instant at = Instant.now();
            Alerts.publish(new ClusterHealthChanged(cluster, project, "Healthy", "Degraded", "Connected",
                    List.of(new CheckResult("node-readiness", "warn", "1 of 3 nodes not ready: n1")), at));
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 1);

            patch(TOKENS.operator(project), rule, Map.of("name", "renamed", "quietPeriod", "PT2H")).statusCode(200)
                    .body("name", equalTo("renamed"))
                    .body("quietPeriod", equalTo("PT2H"))
                    .body("webhooks", contains(hook.id().toString()));
            // Names the witness only: once it has the Unhealthy alert, the changed rule has seen it too.
            Alerts.rule(project, Map.of("project", project, "name", "witness", "trigger", "health",
                    "quietPeriod", "PT0S", "webhooks", List.of(witnessHook.id().toString())));
            Alerts.publish(new ClusterHealthChanged(cluster, project, "Degraded", "Unhealthy", "Connected",
                    List.of(new CheckResult("node-readiness", "fail", "3 of 3 nodes not ready")), at.plusSeconds(1)));

            await().atMost(WAIT).until(() -> witness.delivered().size() == 1);
            // A rule made afresh would tell Unhealthy at once; this one is still in the quiet period it began.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.requests().size() == 1);
            given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", rule)
                    .then().statusCode(200).body("name", equalTo("renamed"));
        }
    }

    @Test
    void aBudgetRulesAmountAndPercentagesChangeByMergePatchAndOnlyABudgetRuleHasOne() {
        String project = Alerts.project();
        UUID budget = Alerts.rule(project, Map.of("project", project, "name", "monthly", "trigger", "budget",
                "budget", Map.of("monthlyAmount", 5000, "thresholds", List.of(80, 100))));
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/merge-patch+json")
                .body(Map.of("budget", Map.of("monthlyAmount", 7500, "thresholds", List.of(50, 90))))
                .patch("/api/v1/notification-rules/{id}", budget)
                .then().statusCode(200)
                .body("budget.monthlyAmount", equalTo(7500.0f))
                .body("budget.thresholds", contains(50, 90))
                .body("quietPeriod", equalTo("PT10M"))
                .body("allWebhooks", equalTo(true));
        refused(project, budget, Map.of("budget", Map.of("monthlyAmount", 7500, "thresholds", List.of(0))), "budget");

        UUID health = Alerts.rule(project, "health", "PT10M");
        refused(project, health, Map.of("budget", Map.of("monthlyAmount", 10, "thresholds", List.of(80))),
                "budget");
    }

    @Test
    void whatARuleWatchesCannotChangeAndAnInvalidValueIsRefusedNamingTheField() {
        String project = Alerts.project();
        Alerts.Endpoint foreign = Alerts.endpoint(Alerts.project(), "http://127.0.0.1:9/elsewhere", "cloudevents");
        Alerts.Endpoint own = Alerts.endpoint(project, "http://127.0.0.1:9/own", "cloudevents");
        UUID rule = Alerts.rule(project, "health", "PT10M");
        Alerts.rule(project, Map.of("project", project, "name", "taken", "trigger", "deletion"));

        refused(project, rule, Map.of("project", Alerts.project()), "project");
        refused(project, rule, Map.of("trigger", "deletion"), "trigger");
        refused(project, rule, Map.of("clusterId", UUID.randomUUID().toString()), "clusterId");
        refused(project, rule, Map.of("quietPeriod", "P8D"), "quietPeriod");
        refused(project, rule, Map.of("quietPeriod", "ten minutes"), "quietPeriod");
        refused(project, rule, Map.of("name", " "), "name");
        refused(project, rule, Map.of("webhooks", List.of(foreign.id().toString())), "webhooks");
        refused(project, rule, Map.of("webhooks", List.of(UUID.randomUUID().toString())), "webhooks");
        refused(project, rule, Map.of("allWebhooks", true, "webhooks", List.of(own.id().toString())),
                "allWebhooks");
        refused(project, rule, Map.of("allWebhooks", false), "allWebhooks");
        refused(project, rule, Map.of(), "body");
        refused(project, rule, Map.of("webhooks", List.of()), "body");
        patch(TOKENS.operator(project), rule, Map.of("name", "taken")).statusCode(409)
                .contentType("application/problem+json");

        // The project and trigger it has may be sent back as read; nothing was changed by the refusals above.
        patch(TOKENS.operator(project), rule, Map.of("project", project, "trigger", "health", "quietPeriod",
                "PT10M")).statusCode(200)
                .body("trigger", equalTo("health"))
                .body("allWebhooks", equalTo(true));
    }

    @Test
    void onlyAnOperatorOfTheRulesProjectMayChangeItAndAnotherProjectsRuleIsNotFound() {
        String project = Alerts.project();
        UUID rule = Alerts.rule(project, "health", "PT10M");
        Map<String, Object> change = Map.of("quietPeriod", "PT1M");

        patch(TOKENS.viewer(project), rule, change).statusCode(403).contentType("application/problem+json");
        patch(TOKENS.operator(Alerts.project()), rule, change).statusCode(404)
                .contentType("application/problem+json");
        patch(TOKENS.operator(project), UUID.randomUUID(), change).statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", rule)
                .then().statusCode(200).body("quietPeriod", equalTo("PT10M"));
    }

    private static ValidatableResponse patch(String token, UUID rule, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .patch("/api/v1/notification-rules/{id}", rule).then();
    }

    private static void refused(String project, UUID rule, Map<String, Object> body, String field) {
        patch(TOKENS.operator(project), rule, body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }
}
