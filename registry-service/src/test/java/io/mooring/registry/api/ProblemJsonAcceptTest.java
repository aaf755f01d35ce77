package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.DeadLetterRows;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The operations whose only declared body is the problem serve a client that accepts only
 * application/problem+json, as the generated client does (issue #14).
 */
@QuarkusTest
class ProblemJsonAcceptTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aDeadLetterIsDiscardedForAClientThatAcceptsOnlyProblemsAndItsErrorIsAProblem() {
        DeadLetterRows.discardServesAProblemJsonClient("registry", tokens().admin());
    }

    @Test
    void theKubeconfigRefusalIsAProblemToAClientThatAcceptsOnlyProblems() {
        String project = RegistryApi.newProject("problem-accept");
        String id = create(project, "refused", "eks", "read-only").getString("cluster.id");
        given().auth().oauth2(tokens().viewer(project)).accept(PROBLEM).get(CLUSTERS + "/" + id + "/kubeconfig")
                .then().statusCode(409).contentType(PROBLEM).body("status", equalTo(409));
    }
}
