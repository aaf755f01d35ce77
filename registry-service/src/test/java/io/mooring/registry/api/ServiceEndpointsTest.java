package io.mooring.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("Mooring registry API"))
                .body(containsString("/api/v1/clusters/{id}/migrate-to-full-permissions"))
                .body(containsString("/api/v1/agent/status"))
                .body(containsString("/api/v1/agent/jwks.json"))
                .body(containsString("/api/v1/import/{handle}.yaml"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("mooring_outbox_published"));
    }

    @Test
    void unknownRoutesAreProblems() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.shared().admin()).put("/api/v1/clusters")
                .then().statusCode(405).contentType("application/problem+json");
    }
}
