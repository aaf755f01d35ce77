package io.mooring.notification;

import static io.mooring.notification.Alerts.TOKENS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.testsupport.DeadLetterRows;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operations that answer 204 serve a client that accepts only application/problem+json, as the generated
 * client does (issue #14): the 204, and their errors as problems.
 */
@QuarkusTest
class ProblemJsonAcceptTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aWebhookIsDeletedForAClientThatAcceptsOnlyProblemsAndItsErrorIsAProblem() {
        String project = Alerts.project();
        Alerts.Endpoint endpoint = Alerts.endpoint(project, "http://127.0.0.1:9/hook", "cloudevents");
        given().auth().oauth2(TOKENS.viewer(project)).accept(PROBLEM).delete("/api/v1/webhooks/{id}", endpoint.id())
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TOKENS.operator(project)).accept(PROBLEM).delete("/api/v1/webhooks/{id}", endpoint.id())
                .then().statusCode(204);
        given().auth().oauth2(TOKENS.operator(project)).accept(PROBLEM).delete("/api/v1/webhooks/{id}", endpoint.id())
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void aRuleIsDeletedForAClientThatAcceptsProblemsAmongOthers() {
        String project = Alerts.project();
        UUID rule = Alerts.rule(project, "health", "PT1H");
        given().auth().oauth2(TOKENS.operator(project)).accept("text/plain, " + PROBLEM)
                .delete("/api/v1/notification-rules/{id}", rule).then().statusCode(204);
        given().auth().oauth2(TOKENS.operator(project)).accept(PROBLEM)
                .delete("/api/v1/notification-rules/{id}", rule).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aDeadLetterIsDiscardedForAClientThatAcceptsOnlyProblems() {
        DeadLetterRows.discardServesAProblemJsonClient("notification", TOKENS.admin());
    }
}
