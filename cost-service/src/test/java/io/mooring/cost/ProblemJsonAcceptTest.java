package io.mooring.cost;

import static org.hamcrest.Matchers.equalTo;

import io.mooring.testsupport.DeadLetterRows;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The operations that answer 204 serve a client that accepts only application/problem+json, as the generated
 * client does (issue #14): the 204, and their errors as problems.
 */
@QuarkusTest
class ProblemJsonAcceptTest extends CostTestSupport {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aProjectOverrideIsDeletedForAClientThatAcceptsProblemsAndItsErrorIsAProblem() {
        String project = project();
        as(TOKENS.admin()).contentType("application/json").body("{\"cpuCoreHour\": 0.05}")
                .put("/api/v1/rate-cards/projects/{p}", project).then().statusCode(200);
        as(TOKENS.viewer(project)).accept(PROBLEM).delete("/api/v1/rate-cards/projects/{p}", project).then()
                .statusCode(403).contentType(PROBLEM);
        as(TOKENS.admin()).accept("text/csv, " + PROBLEM).delete("/api/v1/rate-cards/projects/{p}", project).then()
                .statusCode(204);
        as(TOKENS.admin()).accept(PROBLEM).delete("/api/v1/rate-cards/projects/{p}", project).then()
                .statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void aDeadLetterIsDiscardedForAClientThatAcceptsOnlyProblems() {
        DeadLetterRows.discardServesAProblemJsonClient("cost", TOKENS.admin());
    }
}
