package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Roles, projects and bad input: problem+json, never a 500. */
@QuarkusTest
class AccessAndInputTest {

    @Test
    void theSecretIsShownOnceAndOtherProjectsCannotSeeTheEndpoint() {
        String project = Alerts.project();
        Alerts.Endpoint endpoint = Alerts.endpoint(project, "http://127.0.0.1:9/hook", "teams");

        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks/{id}", endpoint.id()).then()
                .statusCode(200).body("secret", nullValue()).body("format", equalTo("teams"));
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/webhooks?project=" + project).then()
                .statusCode(200).body("items.id", hasItem(endpoint.id().toString()));
        given().auth().oauth2(TOKENS.viewer("other")).get("/api/v1/webhooks/{id}", endpoint.id()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TOKENS.operator("other")).delete("/api/v1/webhooks/{id}", endpoint.id()).then()
                .statusCode(404);
        given().get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    void viewersAndOutsidersCannotCreate() {
        String project = Alerts.project();
        Map<String, Object> body = Map.of("project", project, "name", "x", "url", "http://127.0.0.1:9/h");

        given().auth().oauth2(TOKENS.viewer(project)).contentType("application/json").body(body)
                .post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TOKENS.operator("other")).contentType("application/json").body(body)
                .post("/api/v1/webhooks").then().statusCode(403)
                .body("detail", containsString("not a member of project"));
    }

    @Test
    void badWebhooksAndRulesAreRefusedWithTheFieldNamed() {
        String project = Alerts.project();
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "x", "url", "ftp://hooks.example.com/h"))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"));
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "x", "url", "http://hooks.example.com/h", "format", "fax"))
                .post("/api/v1/webhooks").then().statusCode(400);
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "r", "trigger", "weather"))
                .post("/api/v1/notification-rules").then().statusCode(400);
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "r", "trigger", "budget"))
                .post("/api/v1/notification-rules").then().statusCode(400).body("errors[0].field", equalTo("budget"));
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "r", "trigger", "budget",
                        "budget", Map.of("monthlyAmount", -5, "thresholds", List.of(80))))
                .post("/api/v1/notification-rules").then().statusCode(400);
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "r", "trigger", "health", "quietPeriod", "P30D"))
                .post("/api/v1/notification-rules").then().statusCode(400)
                .body("errors[0].field", equalTo("quietPeriod"));
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "r", "trigger", "health",
                        "clusterId", UUID.randomUUID().toString()))
                .post("/api/v1/notification-rules").then().statusCode(400)
                .body("errors[0].field", equalTo("clusterId"));
    }

    @Test
    void aRuleIsListedForItsProjectAndDeletedByItsOperator() {
        String project = Alerts.project();
        UUID rule = Alerts.rule(project, "health", "PT5M");

        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", rule).then()
                .statusCode(200).body("quietPeriod", equalTo("PT5M")).body("trigger", equalTo("health"));
        given().auth().oauth2(TOKENS.viewer("other")).get("/api/v1/notification-rules/{id}", rule).then()
                .statusCode(404);
        given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", given().auth().oauth2(TOKENS.viewer(project))
                        .get("/api/v1/notification-rules/{id}", rule).path("name"), "trigger", "health"))
                .post("/api/v1/notification-rules").then().statusCode(409);
        given().auth().oauth2(TOKENS.operator(project)).delete("/api/v1/notification-rules/{id}", rule).then()
                .statusCode(204);
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/notification-rules/{id}", rule).then()
                .statusCode(404);
    }
}
