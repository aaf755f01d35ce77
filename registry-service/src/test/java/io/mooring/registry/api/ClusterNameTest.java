package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A cluster's name is unique in its project. The unique constraint is the check (no count before the insert), so
 * these pin what a caller sees: the same 409 problem naming the cluster and project, and nothing half-created.
 */
@QuarkusTest
class ClusterNameTest {

    @Test
    void aNameTakenInTheProjectIsRefusedWithAProblemThatNamesItAndNothingIsCreated() {
        String project = RegistryApi.newProject("name-taken");
        String operator = tokens().operator(project);
        create(project, "payments", "generic", "read-only");

        given().auth().oauth2(operator).contentType("application/json")
                .body(clusterBody("payments", project, "eks", "full-permission")).post(CLUSTERS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("A cluster named 'payments' already exists in project '" + project + "'."));
        given().auth().oauth2(operator).queryParam("project", project).get(CLUSTERS)
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].cloudType", equalTo("generic"));
    }

    @Test
    void theSameNameIsFreeInAnotherProject() {
        String first = RegistryApi.newProject("name-first");
        String second = RegistryApi.newProject("name-second");
        create(first, "shared-name", "generic", "read-only");
        given().auth().oauth2(tokens().operator(second)).contentType("application/json")
                .body(clusterBody("shared-name", second, "generic", "read-only")).post(CLUSTERS)
                .then().statusCode(201);
    }
}
