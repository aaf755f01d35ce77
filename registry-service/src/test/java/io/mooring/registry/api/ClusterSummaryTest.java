package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterSummaryTest {

    private static final String SUMMARY = "/api/v1/clusters/summary";

    @Test
    void aProjectsClustersAreCountedByStatusModeCloudTypeAndDetectedProvider() {
        String project = RegistryApi.newProject("summary");
        registerAgent(create(project, "eks-one", "eks", "read-only"), "read-only", "eks");
        registerAgent(create(project, "eks-two", "eks", "full-permission"), "full-permission", "eks");
        // Declared generic, found to be OpenShift by its agent: the provider chart shows what runs there.
        registerAgent(create(project, "home-made", "generic", "read-only"), "read-only", "openshift");
        create(project, "not-yet", "aks", "read-only");

        JsonPath summary = summary(tokens().viewer(project), project);

        assertThat(summary.getLong("total")).isEqualTo(4);
        assertThat(summary.getMap("byStatus")).isEqualTo(Map.of("Pending", 1, "Running", 3, "Deleting", 0));
        assertThat(summary.getMap("byImportMode")).isEqualTo(Map.of("read-only", 3, "full-permission", 1));
        assertThat(summary.getMap("byCloudType")).containsEntry("eks", 2).containsEntry("generic", 1)
                .containsEntry("aks", 1).containsEntry("gke", 0);
        assertThat(summary.getMap("byDetectedProvider"))
                .isEqualTo(Map.of("eks", 2, "openshift", 1, "not-detected", 1));
    }

    @Test
    void aCallerCountsOnlyTheProjectsItMaySee() {
        String mine = RegistryApi.newProject("summary-mine");
        String theirs = RegistryApi.newProject("summary-theirs");
        create(mine, "mine", "generic", "read-only");
        create(theirs, "theirs-one", "generic", "read-only");
        create(theirs, "theirs-two", "generic", "read-only");
        String viewer = tokens().viewer(mine);

        given().auth().oauth2(viewer).get(SUMMARY).then().statusCode(200).body("total", equalTo(1));
        // Another project counts nothing, as the list shows nothing of it: not even that it exists.
        JsonPath other = summary(viewer, theirs);
        assertThat(other.getLong("total")).isZero();
        assertThat(other.getMap("byStatus")).isEqualTo(Map.of("Pending", 0, "Running", 0, "Deleting", 0));
        assertThat(other.getMap("byDetectedProvider")).isEmpty();

        assertThat(summary(tokens().admin(), theirs).getLong("total")).isEqualTo(2);
        assertThat(given().auth().oauth2(tokens().admin()).get(SUMMARY).then().statusCode(200).extract()
                .jsonPath().getLong("total")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aProjectThatIsNoDnsLabelIsABadRequestNamingIt() {
        given().auth().oauth2(tokens().viewer("a")).queryParam("project", "Not_A_Label").get(SUMMARY)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("project"));
    }

    @Test
    void theSummaryNeedsAToken() {
        given().get(SUMMARY).then().statusCode(401);
    }

    private static JsonPath summary(String token, String project) {
        return given().auth().oauth2(token).queryParam("project", project).get(SUMMARY).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }
}
