package io.mooring.cost;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route needs a token (401), the right role (403) and a visible project (404); bad input is a 400 problem. */
@QuarkusTest
class AccessAndValidationTest extends CostTestSupport {

    private String project;
    private UUID cluster;

    @BeforeEach
    void aClusterOfItsOwnProject() {
        project = project();
        cluster = UUID.randomUUID();
        awaitHandled(Events.imported(cluster, project, "guarded", "generic"));
    }

    private List<String> readRoutes() {
        return List.of("/api/v1/clusters/" + cluster + "/cost", "/api/v1/clusters/" + cluster + "/cost/allocation",
                "/api/v1/clusters/" + cluster + "/rates", "/api/v1/fleet/cost", "/api/v1/rate-cards/card");
    }

    private List<String> adminRoutes() {
        return List.of("/api/v1/rate-cards", "/api/v1/rate-cards/default", "/api/v1/rate-cards/projects/" + project,
                "/api/v1/rate-cards/clusters/" + cluster);
    }

    @Test
    void withoutAValidTokenEveryRouteIsUnauthorized() {
        for (String route : concat(readRoutes(), adminRoutes())) {
            given().get(route).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
            given().auth().oauth2(TOKENS.expiredOperator(project)).get(route).then().statusCode(401);
            given().auth().oauth2(TOKENS.forged("mooring-admin")).get(route).then().statusCode(401);
        }
        for (String route : adminRoutes()) {
            given().contentType("application/json").body("{}").put(route).then().statusCode(401);
        }
    }

    @Test
    void rolesAreChecked() {
        for (String route : readRoutes()) {
            // Agents report; they do not read cost.
            given().auth().oauth2(TOKENS.agent(cluster)).get(route).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(TOKENS.viewer(project)).get(route).then().statusCode(200);
        }
        for (String route : adminRoutes()) {
            for (String token : List.of(TOKENS.viewer(project), TOKENS.operator(project))) {
                given().auth().oauth2(token).get(route).then().statusCode(403);
                given().auth().oauth2(token).contentType("application/json").body("{}").put(route)
                        .then().statusCode(403).body("status", equalTo(403));
                if (!route.equals("/api/v1/rate-cards")) {
                    given().auth().oauth2(token).delete(route).then().statusCode(403);
                }
            }
        }
    }

    @Test
    void aClusterOfAnotherProjectOrUnknownIsNotFound() {
        String other = TOKENS.viewer(project());
        for (String route : List.of("/api/v1/clusters/" + cluster + "/cost", "/api/v1/clusters/" + cluster + "/rates",
                "/api/v1/clusters/" + cluster + "/cost/allocation")) {
            given().auth().oauth2(other).get(route).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("not found"));
            given().auth().oauth2(TOKENS.admin()).get(route.replace(cluster.toString(), UUID.randomUUID().toString()))
                    .then().statusCode(404);
            given().auth().oauth2(TOKENS.admin()).get(route.replace(cluster.toString(), "not-a-uuid"))
                    .then().statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(TOKENS.admin()).contentType("application/json").body("{\"cpuCoreHour\": 1}")
                .put("/api/v1/rate-cards/clusters/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badReportParametersAreBadRequestsNamingTheField() {
        String viewer = TOKENS.viewer(project);
        String path = "/api/v1/clusters/" + cluster + "/cost";
        record Case(String query, String field) {
        }
        for (Case c : List.of(
                new Case("window=5x", "window"), new Case("window=0d", "window"), new Case("window=24", "window"),
                new Case("window=400d", "window"), new Case("window=7d&from=2026-03-01", "window"),
                new Case("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from"),
                new Case("from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z", "from"),
                new Case("to=2026-03-02T00:00:00Z", "from"), new Case("from=yesterday", "from"),
                new Case("from=2026-03-01&to=2026-13-01", "to"), new Case("from=0001-01-01&to=0001-01-02", "from"), new Case("from=2020-01-01&to=2026-01-01", "from"),
                new Case("aggregate=pod", "aggregate"), new Case("aggregate=label:", "aggregate"),
                new Case("aggregate=label:no spaces", "aggregate"), new Case("step=week", "step"),
                new Case("format=xml", "format"))) {
            for (String route : List.of(path, "/api/v1/fleet/cost")) {
                given().auth().oauth2(viewer).get(route + "?" + c.query()).then().statusCode(400)
                        .contentType("application/problem+json").body("title", equalTo("Invalid request"))
                        .body("errors.field", hasItem(c.field()));
            }
        }
        // All at once: every field named; CSV asked for, still a problem+json.
        given().auth().oauth2(viewer).accept("text/csv").get(path + "?window=1y&aggregate=pod&step=minute")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("window", "aggregate", "step"));
    }

    @Test
    void badRatesAreBadRequestsNamingTheField() {
        String admin = TOKENS.admin();
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"currency\":\"dollars\",\"cpuCoreHour\":-1,\"memoryGibHour\":0.1,\"gpuHour\":1}")
                .put("/api/v1/rate-cards/default")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("currency", "cpuCoreHour", "storageGibMonth"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"cpuCoreHour\":-0.5,\"gpuHour\":\"lots\"}")
                .put("/api/v1/rate-cards/projects/{p}", project)
                .then().statusCode(400).body("errors.field", hasItem("gpuHour"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"cpuCoreHour\":-0.5}")
                .put("/api/v1/rate-cards/projects/{p}", project)
                .then().statusCode(400).body("errors.field", hasItem("cpuCoreHour"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"instancePrices\":{\"m5.large\":-0.1}}")
                .put("/api/v1/rate-cards/clusters/{id}", cluster)
                .then().statusCode(400).body("errors[0].field", containsString("instancePrices"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"cpuCoreHour\":0.1}")
                .put("/api/v1/rate-cards/projects/Not_A_Label")
                .then().statusCode(400).body("errors.field", hasItem("project"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"cpuCoreHour\":0.1234567891}")
                .put("/api/v1/rate-cards/projects/{p}", project)
                .then().statusCode(400).body("errors.field", hasItem("cpuCoreHour"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"cpuCoreHour\": ")
                .put("/api/v1/rate-cards/projects/{p}", project).then().statusCode(400);
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"clusters\":{\"" + unknown + "\":{\"cpuCoreHour\":0.1}}}")
                .put("/api/v1/rate-cards")
                .then().statusCode(400).body("errors.field", hasItem("clusters." + unknown));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"projects\":{\"Bad Name\":{\"cpuCoreHour\":0.1}}}")
                .put("/api/v1/rate-cards")
                .then().statusCode(400);
        // Nothing was changed by the refused requests.
        given().auth().oauth2(admin).get("/api/v1/rate-cards/projects/{p}", project).then().statusCode(404);
    }

    @Test
    void aRateBodyNotSentAsJsonOrTooLargeAndAReportInNeitherJsonNorCsvAreRefusedWithAProblem() {
        String admin = TOKENS.admin();
        given().auth().oauth2(admin).contentType("text/plain").body("cpuCoreHour=1")
                .put("/api/v1/rate-cards/projects/{p}", project)
                .then().statusCode(415).contentType("application/problem+json");
        String huge = "{\"instancePrices\": {\"pad\": 1, \"x\": \"" + "x".repeat(1_100_000) + "\"}}";
        given().auth().oauth2(admin).contentType("application/json").body(huge)
                .put("/api/v1/rate-cards/projects/{p}", project)
                .then().statusCode(413).contentType("application/problem+json");
        for (String route : List.of("/api/v1/clusters/" + cluster + "/cost", "/api/v1/fleet/cost")) {
            given().auth().oauth2(TOKENS.viewer(project)).accept("application/xml").get(route)
                    .then().statusCode(406).contentType("application/problem+json");
        }
    }

    @Test
    void healthAndTheOpenApiDocumentAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Mooring cost-service API"))
                .body("paths", Matchers.hasKey("/api/v1/fleet/cost"))
                .body("paths", Matchers.hasKey("/api/v1/clusters/{id}/cost"))
                .body("paths", Matchers.hasKey("/api/v1/rate-cards/clusters/{id}"));
        // Report queries get the configured work_mem on every pooled connection.
        String workMem = pool.query("show work_mem").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0);
        Assertions.assertThat(workMem).isEqualTo("32MB");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
