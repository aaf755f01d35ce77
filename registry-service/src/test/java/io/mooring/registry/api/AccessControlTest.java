package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.refresh;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.status;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Viewers read, operators import and change, admins delete; projects hide clusters; agents see only their own. */
@QuarkusTest
class AccessControlTest {

    @Test
    void withoutATokenEveryUserRouteIsUnauthorized() {
        given().get(CLUSTERS).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(clusterBody("x", "p", "generic", "read-only")).post(CLUSTERS)
                .then().statusCode(401);
        given().get(CLUSTERS + "/" + UUID.randomUUID() + "/kubeconfig").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/agent/status").then().statusCode(401);
    }

    @Test
    void aViewerReadsButCannotImportChangeMigrateOrReissue() {
        String project = RegistryApi.newProject("view");
        String viewer = tokens().viewer(project);
        String id = create(project, "seen", "generic", "read-only").getString("cluster.id");

        given().auth().oauth2(viewer).get(CLUSTERS + "/" + id).then().statusCode(200);
        given().auth().oauth2(viewer).queryParam("project", project).get(CLUSTERS).then().statusCode(200)
                .body("items.size()", equalTo(1));
        given().auth().oauth2(viewer).get(CLUSTERS + "/" + id + "/capabilities").then().statusCode(200);

        given().auth().oauth2(viewer).contentType("application/json")
                .body(clusterBody("nope", project, "generic", "read-only")).post(CLUSTERS)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(viewer).contentType("application/json").body(Map.of("description", "x"))
                .patch(CLUSTERS + "/" + id).then().statusCode(403);
        given().auth().oauth2(viewer).post(CLUSTERS + "/" + id + "/migrate-to-full-permissions").then().statusCode(403);
        given().auth().oauth2(viewer).post(CLUSTERS + "/" + id + "/import-command").then().statusCode(403);
        given().auth().oauth2(viewer).delete(CLUSTERS + "/" + id).then().statusCode(403);
    }

    @Test
    void anOperatorCannotDeleteNorForceDelete() {
        String project = RegistryApi.newProject("op");
        String id = create(project, "kept", "generic", "read-only").getString("cluster.id");
        given().auth().oauth2(tokens().operator(project)).delete(CLUSTERS + "/" + id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(tokens().operator(project)).delete(CLUSTERS + "/" + id + "?force=true")
                .then().statusCode(403);
        RegistryApi.get(tokens().operator(project), id).statusCode(200).body("status", equalTo("Pending"));
    }

    @Test
    void creatingInAProjectYouAreNotInIsForbidden() {
        String mine = RegistryApi.newProject("mine");
        String theirs = RegistryApi.newProject("theirs");
        given().auth().oauth2(tokens().operator(mine)).contentType("application/json")
                .body(clusterBody("intruder", theirs, "generic", "read-only")).post(CLUSTERS)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aUserOfProjectASeesNothingOfProjectB() {
        String a = RegistryApi.newProject("a");
        String b = RegistryApi.newProject("b");
        String id = create(b, "hidden", "eks", "read-only").getString("cluster.id");
        String operatorA = tokens().operator(a);

        for (var request : List.of(
                given().auth().oauth2(operatorA).get(CLUSTERS + "/" + id),
                given().auth().oauth2(operatorA).get(CLUSTERS + "/" + id + "/capabilities"),
                given().auth().oauth2(operatorA).contentType("application/json").body(Map.of("description", "x"))
                        .patch(CLUSTERS + "/" + id),
                given().auth().oauth2(operatorA).post(CLUSTERS + "/" + id + "/migrate-to-full-permissions"),
                given().auth().oauth2(operatorA).post(CLUSTERS + "/" + id + "/import-command"))) {
            request.then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("Cluster not found."));
        }
        // The same answer as for a cluster that does not exist at all.
        given().auth().oauth2(operatorA).get(CLUSTERS + "/" + UUID.randomUUID())
                .then().statusCode(404).body("detail", equalTo("Cluster not found."));

        given().auth().oauth2(operatorA).get(CLUSTERS).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(operatorA).queryParam("project", b).get(CLUSTERS).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());
        RegistryApi.get(tokens().operator(b), id).statusCode(200);
    }

    @Test
    void anAdminSeesAndDeletesEveryProjectsClusters() {
        String project = RegistryApi.newProject("any");
        String id = create(project, "admin-sees", "generic", "read-only").getString("cluster.id");
        String admin = tokens().admin();
        RegistryApi.get(admin, id).statusCode(200);
        given().auth().oauth2(admin).queryParam("project", project).get(CLUSTERS).then().statusCode(200)
                .body("items.id", contains(id));
        given().auth().oauth2(admin).delete(CLUSTERS + "/" + id).then().statusCode(200)
                .body("status", equalTo("Deleted"));
        RegistryApi.get(admin, id).statusCode(404);
    }

    @Test
    void anAgentTokenWorksOnlyForItsOwnClusterAndOnlyOnAgentRoutes() {
        String project = RegistryApi.newProject("agents");
        JsonPath a = create(project, "cluster-a", "generic", "read-only");
        JsonPath b = create(project, "cluster-b", "generic", "read-only");
        JsonPath credentialA = registerAgent(a, "read-only", "generic");
        JsonPath credentialB = registerAgent(b, "read-only", "generic");
        String agentA = credentialA.getString("accessToken");

        // The status of A's agent lands on A, whatever it says.
        Map<String, Object> facts = facts("read-only", "generic");
        facts.put("kubernetesVersion", "v1.31.0");
        status(agentA, facts, false).statusCode(200).body("clusterId", equalTo(a.getString("cluster.id")));
        String operator = tokens().operator(project);
        RegistryApi.get(operator, a.getString("cluster.id")).statusCode(200)
                .body("kubernetesVersion", equalTo("v1.31.0"));
        RegistryApi.get(operator, b.getString("cluster.id")).statusCode(200)
                .body("kubernetesVersion", equalTo("v1.30.4"));

        // An agent is not a user.
        given().auth().oauth2(agentA).get(CLUSTERS + "/" + a.getString("cluster.id")).then().statusCode(403);
        given().auth().oauth2(agentA).get(CLUSTERS).then().statusCode(403);
        given().auth().oauth2(agentA).post(CLUSTERS + "/" + a.getString("cluster.id") + "/migrate-to-full-permissions")
                .then().statusCode(403);

        // A's refresh secret does not refresh B.
        refresh(b.getString("cluster.id"), credentialA.getString("refreshSecret")).statusCode(401)
                .contentType("application/problem+json");
        refresh(b.getString("cluster.id"), credentialB.getString("refreshSecret")).statusCode(200)
                .body("clusterId", equalTo(b.getString("cluster.id")));
    }

    @Test
    void aUserTokenOnTheAgentStatusRouteIsForbidden() {
        Map<String, Object> body = Map.of("facts", facts("read-only", "generic"), "cleanupDone", false);
        for (String user : List.of(tokens().operator("p"), tokens().admin(), tokens().viewer("p"))) {
            given().auth().oauth2(user).contentType("application/json").body(body).post("/api/v1/agent/status")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void aTokenForAClusterThatNeverExistedFindsNothing() {
        status(Tokens.shared().agent(UUID.randomUUID()), facts("read-only", "generic"), false).statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theAgentOfADeletedClusterIsRefusedEverywhere() {
        String project = RegistryApi.newProject("gone");
        JsonPath created = create(project, "gone", "generic", "read-only");
        JsonPath credential = registerAgent(created, "read-only", "generic");
        String id = created.getString("cluster.id");
        given().auth().oauth2(tokens().admin()).delete(CLUSTERS + "/" + id + "?force=true").then().statusCode(200)
                .body("forced", equalTo(true));

        status(credential.getString("accessToken"), facts("read-only", "generic"), false).statusCode(410)
                .contentType("application/problem+json");
        refresh(id, credential.getString("refreshSecret")).statusCode(410);
        assertThat(RegistryApi.get(tokens().admin(), id).extract().statusCode()).isEqualTo(404);
    }
}
