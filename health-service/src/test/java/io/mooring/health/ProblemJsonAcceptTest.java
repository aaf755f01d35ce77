package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.testsupport.DeadLetterRows;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter discard, this service's one operation answering 204, serves a client that accepts only
 * application/problem+json, as the generated client does (issue #14).
 */
@QuarkusTest
class ProblemJsonAcceptTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aDeadLetterIsDiscardedForAClientThatAcceptsOnlyProblemsAndItsErrorIsAProblem() {
        long id = DeadLetterRows.park("test");
        String path = "/api/v1/admin/health/dead-letters/" + id;
        given().auth().oauth2(TOKENS.admin()).accept(PROBLEM).delete(path).then().statusCode(204);
        given().auth().oauth2(TOKENS.admin()).accept(PROBLEM).delete(path).then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404));
        given().auth().oauth2(TOKENS.viewer("p")).accept(PROBLEM).delete(path).then().statusCode(403)
                .contentType(PROBLEM);
    }
}
