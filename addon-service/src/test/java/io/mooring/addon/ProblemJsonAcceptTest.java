package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.testsupport.DeadLetterRows;
import io.mooring.testsupport.Tokens;
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
    void aProfileIsDetachedForAClientThatAcceptsOnlyProblemsAndItsErrorIsAProblem() {
        String project = "problem-accept";
        UUID cluster = Lifecycle.fullPermissionCluster(project);
        String profile = publishedManifests("accept", "1.0.0", "apps", configMap("x"));
        attach(project, cluster, profile, "1.0.0").statusCode(201);
        String path = "/api/v1/clusters/" + cluster + "/addons/" + profile;

        Api.viewer(project).accept(PROBLEM).delete(path).then().statusCode(403).contentType(PROBLEM);
        Api.operator(project).accept(PROBLEM).delete(path).then().statusCode(204);
        Api.operator(project).accept(PROBLEM).delete(path).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void aProfileVersionIsDeletedForAClientThatAcceptsProblemsAmongOthers() {
        String profile = publishedManifests("accept-version", "1.0.0", "apps", configMap("x"));
        String path = "/api/v1/addon-profiles/" + profile + "/versions/1.0.0";
        Api.admin().accept("text/plain, " + PROBLEM).delete(path).then().statusCode(204);
        Api.admin().accept(PROBLEM).delete(path).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aDeadLetterIsDiscardedForAClientThatAcceptsOnlyProblems() {
        DeadLetterRows.discardServesAProblemJsonClient("addon", Tokens.shared().admin());
    }
}
