package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens, roles, project scope and bad input, on every route. */
@QuarkusTest
class AccessAndInputTest {

    private static final List<String> USER_ROUTES = List.of("/api/v1/clusters/%s/health",
            "/api/v1/clusters/%s/health/history", "/api/v1/clusters/%s/events", "/api/v1/clusters/%s/events/stream",
            "/api/v1/clusters/%s/inventory", "/api/v1/fleet/health", "/api/v1/fleet/health/clusters?id=%s");
    private static final List<String> AGENT_ROUTES = List.of("heartbeat", "inventory", "events");

    @Test
    void everyRouteNeedsAToken() {
        UUID id = UUID.randomUUID();
        for (String route : USER_ROUTES) {
            given().get(route.formatted(id)).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TOKENS.forged("mooring-admin")).get(route.formatted(id)).then().statusCode(401);
            given().auth().oauth2(TOKENS.expiredOperator("p")).get(route.formatted(id)).then().statusCode(401);
        }
        for (String route : AGENT_ROUTES) {
            given().contentType("application/json").body("{}").post("/api/v1/agent/reports/" + route)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void agentsCannotReadAndUsersCannotReport() {
        String project = "ac-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        for (String route : USER_ROUTES) {
            given().auth().oauth2(TOKENS.agent(id)).get(route.formatted(id)).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        for (String route : AGENT_ROUTES) {
            given().auth().oauth2(TOKENS.admin()).contentType("application/json")
                    .body("{\"reportId\":\"" + UUID.randomUUID() + "\"}").post("/api/v1/agent/reports/" + route)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void aClusterOfAnotherProjectIsNotFoundOnEveryClusterRoute() {
        UUID id = Clusters.imported("ac-" + UUID.randomUUID());
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(1))).then().statusCode(200);
        for (String route : USER_ROUTES.subList(0, 5)) {
            given().auth().oauth2(TOKENS.viewer("elsewhere")).get(route.formatted(id)).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(TOKENS.viewer("elsewhere")).get("/api/v1/fleet/health").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(TOKENS.viewer("elsewhere")).get("/api/v1/fleet/health?project=" + "ac-x")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anAgentReportsForItsOwnClusterOnly() {
        UUID a = Clusters.imported("ac-" + UUID.randomUUID());
        UUID b = Clusters.imported("ac-" + UUID.randomUUID());

        // The cluster is the token's subject: whatever the body says, agent A's report lands on A.
        given().auth().oauth2(TOKENS.agent(a)).contentType("application/json")
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"clusterId\":\"" + b + "\"}")
                .post("/api/v1/agent/reports/heartbeat").then().statusCode(200)
                .body("clusterId", equalTo(a.toString()));

        Clusters.admin("/api/v1/clusters/{id}/health", a).then().body("connectivity", equalTo("Connected"));
        Clusters.admin("/api/v1/clusters/{id}/health", b).then().body("connectivity", equalTo("Pending"));
    }

    @Test
    void badReportsAreBadRequestsNamingTheFields() {
        UUID id = Clusters.imported("ac-" + UUID.randomUUID());
        String agent = TOKENS.agent(id);

        given().auth().oauth2(agent).contentType("application/json").body("{\"reportId\": ")
                .post("/api/v1/agent/reports/heartbeat").then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("at io.")));
        given().auth().oauth2(agent).contentType("application/json").body("{\"permissions\":\"root\"}")
                .post("/api/v1/agent/reports/heartbeat").then().statusCode(400)
                .body("errors.field", hasItems("reportId", "permissions"));
        given().auth().oauth2(agent).contentType("application/json").body("{\"reportId\":\"not-a-uuid\"}")
                .post("/api/v1/agent/reports/heartbeat").then().statusCode(400)
                .body("errors[0].field", equalTo("reportId"));
        given().auth().oauth2(agent).contentType("application/json").post("/api/v1/agent/reports/heartbeat")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType("application/json").body("{\"reportId\":\"" + UUID.randomUUID()
                        + "\",\"events\":[{\"type\":\"Bad\",\"reason\":\"\",\"namespace\":\"Not_Ns\",\"objectKind\":\"pod/x\","
                        + "\"objectName\":\"x\",\"count\":-1}]}")
                .post("/api/v1/agent/reports/events").then().statusCode(400)
                .body("errors.field", hasItems("events[0].type", "events[0].reason", "events[0].namespace",
                        "events[0].objectKind", "events[0].count"));
        given().auth().oauth2(agent).contentType("application/json").body("{\"reportId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/agent/reports/inventory").then().statusCode(400)
                .body("errors.field", hasItems("observedAt", "inventory"));
        given().auth().oauth2(agent).contentType("application/json")
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"observedAt\":\"" + Instant.now()
                        + "\",\"inventory\":{\"nodes\":[{\"name\":\"\"}]}}")
                .post("/api/v1/agent/reports/inventory").then().statusCode(400)
                .body("errors[0].field", equalTo("inventory.nodes[0].name"));
        String inventoryWithTable = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"observedAt\":\"" + Instant.now()
                + "\",\"inventory\":{\"nodes\":[],\"allocationTable\":{\"nodes\":[\"n1\"],"
                + "\"owners\":[{\"namespace\":\"shop\",\"kind\":\"Deployment\",\"name\":\"web\"}],\"rows\":%s}}}";
        given().auth().oauth2(agent).contentType("application/json").body(inventoryWithTable.formatted("[[0,0,1,100,100,0],[4,0,1,1,1,0]]"))
                .post("/api/v1/agent/reports/inventory").then().statusCode(400)
                .body("errors[0].field", equalTo("inventory.allocationTable"))
                .body("errors[0].message", containsString("row 1 refers to node 4 of 1"));
        given().auth().oauth2(agent).contentType("application/json").body(inventoryWithTable.formatted("[[\"zero\"]]"))
                .post("/api/v1/agent/reports/inventory").then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("at io.")));
        given().auth().oauth2(agent).contentType("text/plain").body("hello").post("/api/v1/agent/reports/heartbeat")
                .then().statusCode(415).contentType("application/problem+json");
        Clusters.admin("/api/v1/clusters/not-a-uuid/health").then().statusCode(404);
    }

    @Test
    void oversizedBodiesAreRefusedWithAProblem() {
        UUID id = Clusters.imported("ac-" + UUID.randomUUID());
        String big = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"agentVersion\":\"" + "x".repeat(20_000) + "\"}";

        given().auth().oauth2(TOKENS.agent(id)).contentType("application/json").body(big)
                .post("/api/v1/agent/reports/heartbeat").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        given().auth().oauth2(TOKENS.agent(id)).contentType("application/json")
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"events\":[],\"pad\":\"" + "x".repeat(5 << 20) + "\"}")
                .post("/api/v1/agent/reports/events").then().statusCode(413);
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/agent/reports/heartbeat"))
                .body(containsString("Mooring health-service"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("mooring_health_events_accepted"));
    }
}
