package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;

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
        DeadLetterRows.discardServesAProblemJsonClient("health", TOKENS.admin());
        given().auth().oauth2(TOKENS.viewer("p")).accept(PROBLEM).delete("/api/v1/admin/health/dead-letters/1")
                .then().statusCode(403).contentType(PROBLEM);
    }
}
