package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fleet view counts what the caller may see and lists what needs attention, worst first. */
@QuarkusTest
class FleetTest {

    @Test
    void countsAndAttentionAreScopedToTheCallersProjects() {
        String project = "fl-" + UUID.randomUUID();
        UUID healthy = connected(project);
        Clusters.post(healthy, "inventory", Reports.report(Reports.healthy(2))).then().statusCode(200);
        UUID unhealthy = connected(project);
        Clusters.post(unhealthy, "inventory", Reports.report(Reports.inventory(
                List.of(Reports.notReadyNode("n1")), List.of()))).then().statusCode(200);
        UUID degraded = connected(project);
        Clusters.post(degraded, "inventory", Reports.report(Reports.inventory(
                List.of(Reports.readyNode("n1"), Reports.readyNode("n2"), Reports.notReadyNode("n3")), List.of())))
                .then().statusCode(200);
        Clusters.imported(project);
        UUID elsewhere = Clusters.imported("fl-" + UUID.randomUUID());

        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/fleet/health").then().statusCode(200)
                .body("total", equalTo(4))
                .body("byConnectivity.Connected", equalTo(3))
                .body("byConnectivity.Pending", equalTo(1))
                .body("byConnectivity.Disconnected", equalTo(0))
                .body("byHealth.Healthy", equalTo(1))
                .body("byHealth.Degraded", equalTo(1))
                .body("byHealth.Unhealthy", equalTo(1))
                .body("byHealth.Unknown", equalTo(1))
                .body("needsAttention.clusterId", contains(unhealthy.toString(), degraded.toString()))
                .body("needsAttention[0].reasons[0].name", equalTo("node-readiness"));
        given().auth().oauth2(TOKENS.admin()).get("/api/v1/fleet/health?limit=500").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(5))
                .body("needsAttention.clusterId", hasItem(unhealthy.toString()));
        given().auth().oauth2(TOKENS.admin()).get("/api/v1/fleet/health?project=" + project).then()
                .body("total", equalTo(4));
        given().auth().oauth2(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/health", elsewhere)
                .then().statusCode(404);
    }

    private static UUID connected(String project) {
        UUID id = Clusters.imported(project);
        Clusters.heartbeat(id).then().statusCode(200);
        return id;
    }
}
