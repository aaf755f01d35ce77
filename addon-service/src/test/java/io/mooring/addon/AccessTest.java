package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.addon.support.Profiles;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessTest {

    private final Tokens tokens = Tokens.shared();

    @Test
    void everyRouteNeedsAToken() {
        UUID cluster = UUID.randomUUID();
        for (String path : List.of("/api/v1/addon-profiles", "/api/v1/addon-profiles/x",
                "/api/v1/addon-profiles/x/versions", "/api/v1/addon-profiles/x/versions/1.0.0",
                "/api/v1/addon-profiles/x/versions/1.0.0/rendered",
                "/api/v1/clusters/" + cluster + "/addons", "/api/v1/clusters/" + cluster + "/addons/x",
                "/api/v1/agent/addons")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
        given().contentType("application/json").body("{}").post("/api/v1/addon-profiles").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/clusters/" + cluster + "/addons").then()
                .statusCode(401);
        given().contentType("application/json").body("{}").put("/api/v1/clusters/" + cluster + "/addons/x").then()
                .statusCode(401);
        given().delete("/api/v1/clusters/" + cluster + "/addons/x").then().statusCode(401);
        given().delete("/api/v1/addon-profiles/x/versions/1.0.0").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/agent/addons/status").then().statusCode(401);
        given().auth().oauth2(tokens.forged("mooring-admin")).get("/api/v1/addon-profiles").then().statusCode(401);
        given().auth().oauth2(tokens.expiredOperator("p")).get("/api/v1/addon-profiles").then().statusCode(401);
    }

    @Test
    void rolesDecideWhoMayDoWhat() {
        String project = "roles";
        UUID cluster = Lifecycle.fullPermissionCluster(project);
        String profile = publishedManifests("roles", "1.0.0", "apps", configMap("x"));

        Api.viewer(project).body(addOn(Profiles.uniqueName("v"), "1.0.0", manifests("c", "apps", configMap("x"))))
                .post("/api/v1/addon-profiles").then().statusCode(403).contentType("application/problem+json");
        Api.viewer(project).body(Api.attachBody(profile, "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(403);
        attach(project, cluster, profile, "1.0.0").statusCode(201);
        Api.viewer(project).body(Map.of("version", "1.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(403);
        Api.viewer(project).delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(403);
        Api.viewer(project).delete("/api/v1/addon-profiles/" + profile + "/versions/1.0.0").then().statusCode(403);

        // Agents reach the agent routes only, users never do.
        Api.agent(cluster).get("/api/v1/addon-profiles").then().statusCode(403);
        Api.agent(cluster).get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(403);
        Api.admin().get("/api/v1/agent/addons").then().statusCode(403);
        Api.operator(project).body(Map.of("layers", List.of())).post("/api/v1/agent/addons/status").then()
                .statusCode(403);
        // An admin sees every project.
        Api.admin().get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(200)
                .body("items.profile", hasItem(profile));
    }

    @Test
    void aClusterOfAnotherProjectIsNotFound() {
        UUID cluster = Lifecycle.fullPermissionCluster("theirs");
        String profile = publishedManifests("hidden", "1.0.0", "apps", configMap("x"));
        attach("theirs", cluster, profile, "1.0.0").statusCode(201);

        Api.viewer("mine").get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Cluster not found"));
        Api.viewer("mine").get("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(404);
        attach("mine", cluster, profile, "1.0.0").statusCode(404);
        Api.operator("mine").body(Map.of("version", "1.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(404);
        Api.operator("mine").delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(404);
        Api.viewer("theirs").get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(200);
    }

    @Test
    void badInputIsABadRequestProblemNeverA500() {
        UUID cluster = Lifecycle.fullPermissionCluster("input");
        Api.operator("input").body("{\"profile\": ").post("/api/v1/clusters/" + cluster + "/addons").then()
                .statusCode(400).contentType("application/problem+json").body(not(containsString("at io.")));
        Api.operator("input").body(Map.of("version", "1.0.0")).post("/api/v1/clusters/" + cluster + "/addons")
                .then().statusCode(400).body("errors.field", hasItem("profile"));
        Api.operator("input").body(Map.of("profile", "x", "version", "1.0.0", "values", List.of(1)))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(400)
                .body("errors[0].field", equalTo("values"));
        Api.operator("input").body(Map.of("profile", "x", "version", "1.0.0", "values", Map.of("l", 5)))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(400)
                .body("errors[0].field", equalTo("values.l"));
        Api.operator("input").post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(400);
        Api.operator("input").body(Api.attachBody("x", "1.0.0", null)).post("/api/v1/clusters/not-a-uuid/addons")
                .then().statusCode(404).contentType("application/problem+json");
        Api.operator("input").contentType("text/plain").body("hello").post("/api/v1/addon-profiles").then()
                .statusCode(415).contentType("application/problem+json");
        Api.viewer("input").queryParam("limit", 0).get("/api/v1/clusters/" + cluster + "/addons").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        Api.operator("input").header("Idempotency-Key", "has spaces").body(Api.attachBody("x", "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        // The same key rule as the registry's: 255 characters are a key, 256 are not.
        Api.operator("input").header("Idempotency-Key", "k".repeat(256)).body(Api.attachBody("x", "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        Api.operator("input").header("Idempotency-Key", "k".repeat(255)).body(Api.attachBody("x", "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(not(400));
    }

    @Test
    void bodiesOverTheLimitsAreTooLarge() {
        UUID cluster = Lifecycle.fullPermissionCluster("sizes");
        String big = "x".repeat(1_100_000);
        Api.operator("sizes").body(Map.of("profile", big, "version", "1.0.0"))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        Api.agent(cluster).body(Map.of("layers", List.of(), "junk", big))
                .post("/api/v1/agent/addons/status").then().statusCode(413);
        // Publishing takes more (chart archives), up to the service-wide limit.
        Profiles.publish(addOn(Profiles.uniqueName("roomy"), "1.0.0",
                manifests("config", "apps", configMap("x", "padding", "y".repeat(1_100_000)))))
                .statusCode(201);
        Profiles.publish(addOn(Profiles.uniqueName("huge"), "1.0.0",
                manifests("config", "apps", configMap("x", "padding", "y".repeat(8_500_000)))))
                .statusCode(413).contentType("application/problem+json");
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/addon-profiles"))
                .body(containsString("/api/v1/agent/addons"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
