package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input on every endpoint is a 4xx problem that names what is wrong; never a 500, never a stack trace. */
@QuarkusTest
class RequestValidationTest {

    private String project;
    private String operator;

    @BeforeEach
    void aProjectOfItsOwn() {
        project = RegistryApi.newProject("input");
        operator = tokens().operator(project);
    }

    @Test
    void creatingWithMalformedJsonIsABadRequest() {
        problem(asOperator().body("{\"name\": ").post(CLUSTERS), 400).body("detail", containsString("JSON"));
        problem(asOperator().body("[1, 2]").post(CLUSTERS), 400);
        problem(asOperator().body("").post(CLUSTERS), 400);
    }

    @Test
    void creatingWithUnknownEnumValuesListsTheDocumentedOnes() {
        problem(asOperator().body(clusterBody("c", project, "ec2", "read-only")).post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("cloudType"))
                .body("errors[0].message", containsString("eks-anywhere"))
                .body("errors[0].message", containsString("generic"));
        problem(asOperator().body(clusterBody("c", project, "generic", "READ_ONLY")).post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("importMode"))
                .body("errors[0].message", containsString("read-only, full-permission"));
        problem(asOperator().body(clusterBody("c", project, "EKS", "read-only")).post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("cloudType"));
    }

    @Test
    void creatingWithWrongTypesNamesTheField() {
        problem(asOperator().body("{\"name\":\"c\",\"project\":\"" + project
                + "\",\"cloudType\":1,\"importMode\":\"read-only\"}").post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("cloudType"));
        problem(asOperator().body("{\"name\":{},\"project\":\"" + project
                + "\",\"cloudType\":\"eks\",\"importMode\":\"read-only\"}").post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("name"));
        problem(asOperator().body("{\"name\":42,\"project\":\"" + project
                + "\",\"cloudType\":\"eks\",\"importMode\":\"read-only\"}").post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("name"));
        problem(asOperator().body("{\"name\":\"c\",\"project\":\"" + project
                + "\",\"cloudType\":\"eks\",\"importMode\":\"read-only\",\"labels\":\"env=prod\"}").post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("labels"));
        problem(asOperator().body("{\"name\":\"c\",\"project\":\"" + project
                + "\",\"cloudType\":\"eks\",\"importMode\":\"read-only\",\"labels\":{\"env\":7}}").post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("labels.env"));
    }

    @Test
    void creatingWithoutTheRequiredFieldsListsEveryOne() {
        problem(asOperator().body("{}").post(CLUSTERS), 400)
                .body("errors.field", hasItems("name", "project", "cloudType", "importMode"));
    }

    @Test
    void creatingWithTooLongOrInvalidTextIsRefused() {
        Map<String, Object> body = clusterBody("n".repeat(64), project, "generic", "read-only");
        body.put("description", "d".repeat(1001));
        problem(asOperator().body(body).post(CLUSTERS), 400)
                .body("errors.field", hasItems("name", "description"));
        Map<String, Object> control = clusterBody("ok", project, "generic", "read-only");
        control.put("description", "bell\u0007");
        problem(asOperator().body(control).post(CLUSTERS), 400).body("errors[0].field", equalTo("description"));
        Map<String, Object> many = clusterBody("ok", project, "generic", "read-only");
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            labels.put("k" + i, "v");
        }
        many.put("labels", labels);
        problem(asOperator().body(many).post(CLUSTERS), 400).body("errors[0].field", equalTo("labels"));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWithAProblem() {
        Map<String, Object> body = clusterBody("big", project, "generic", "read-only");
        body.put("description", "x".repeat(70_000));
        problem(asOperator().body(body).post(CLUSTERS), 413).body("status", equalTo(413));
        problem(given().contentType("application/json").body("{\"importToken\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/agent/register"), 413);
    }

    @Test
    void anythingButJsonIsAnUnsupportedMediaType() {
        problem(given().auth().oauth2(operator).contentType("text/plain").body("name=x").post(CLUSTERS), 415);
    }

    @Test
    void aBadIdempotencyKeyIsRefused() {
        problem(asOperator().header("Idempotency-Key", "k".repeat(256))
                .body(clusterBody("idem", project, "generic", "read-only")).post(CLUSTERS), 400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void listingWithBadParametersNamesEachOne() {
        for (String limit : new String[] { "0", "101", "abc", "-1", "1.5" }) {
            problem(given().auth().oauth2(operator).queryParam("limit", limit).get(CLUSTERS), 400)
                    .body("errors[0].field", equalTo("limit"));
        }
        problem(given().auth().oauth2(operator).queryParam("cloudType", "ec2").queryParam("status", "running")
                .queryParam("importMode", "rw").queryParam("labelSelector", "env in (a")
                .queryParam("cursor", "garbage").queryParam("project", "Bad_Project")
                .queryParam("detectedProvider", "EKS!").get(CLUSTERS), 400)
                .body("errors.field", hasItems("cloudType", "status", "importMode", "labelSelector", "project",
                        "detectedProvider"))
                .body("errors.find { it.field == 'status' }.message", containsString("Running"));
        problem(given().auth().oauth2(operator).queryParam("cursor", "garbage").get(CLUSTERS), 400)
                .body("errors[0].field", equalTo("cursor"));
        for (String selector : new String[] { "env=prod=x", "=x", "a b", "env in ()", "env notin (a,b", "!",
                "env=x\ny", "Bad_Prefix/x=y" }) {
            problem(given().auth().oauth2(operator).queryParam("labelSelector", selector).get(CLUSTERS), 400)
                    .body("errors[0].field", equalTo("labelSelector"));
        }
    }

    @Test
    void aClusterIdThatIsNotAUuidIsNotFound() {
        problem(given().auth().oauth2(operator).get(CLUSTERS + "/not-a-uuid"), 404);
        problem(given().auth().oauth2(operator).contentType("application/json").body("{\"description\":\"x\"}")
                .patch(CLUSTERS + "/not-a-uuid"), 404);
    }

    @Test
    void patchingWithBadInputIsRefused() {
        String id = create(project, "patchy", "generic", "read-only").getString("cluster.id");
        problem(asOperator().body("{\"description\": ").patch(CLUSTERS + "/" + id), 400);
        problem(asOperator().body("{}").patch(CLUSTERS + "/" + id), 400).body("errors[0].field", equalTo("body"));
        problem(asOperator().body("{\"labels\": []}").patch(CLUSTERS + "/" + id), 400)
                .body("errors[0].field", equalTo("labels"));
        problem(asOperator().body(Map.of("description", "x".repeat(1001))).patch(CLUSTERS + "/" + id), 400)
                .body("errors[0].field", equalTo("description"));
        problem(asOperator().body(Map.of("labels", Map.of("ok", "not ok"))).patch(CLUSTERS + "/" + id), 400)
                .body("errors[0].field", equalTo("labels.ok"));
        problem(given().auth().oauth2(operator).patch(CLUSTERS + "/" + id), 400);
    }

    @Test
    void deletingWithABadForceValueIsRefused() {
        String id = create(project, "forceful", "generic", "read-only").getString("cluster.id");
        problem(given().auth().oauth2(tokens().admin()).queryParam("force", "maybe").delete(CLUSTERS + "/" + id), 400)
                .body("errors[0].field", equalTo("force"));
    }

    @Test
    void registeringWithBadInputIsRefused() {
        problem(agent().body("{}").post("/api/v1/agent/register"), 400).body("errors[0].field", equalTo("importToken"));
        problem(agent().body("{\"importToken\": ").post("/api/v1/agent/register"), 400);
        problem(agent().body("{\"importToken\":\"" + "A".repeat(43) + "\",\"facts\":\"x\"}")
                .post("/api/v1/agent/register"), 400).body("errors[0].field", equalTo("facts"));
        Map<String, Object> facts = facts("root", "EKS PROVIDER");
        facts.put("kubernetesVersion", "v1.30\nkind: Secret");
        problem(agent().body(Map.of("importToken", "A".repeat(43), "facts", facts)).post("/api/v1/agent/register"), 400)
                .body("errors.field", hasItems("facts.permissions", "facts.detectedProvider", "facts.kubernetesVersion"));
        problem(agent().body(Map.of("importToken", "unknown-token")).post("/api/v1/agent/register"), 404);
        problem(agent().body(Map.of("importToken", "A".repeat(43))).post("/api/v1/agent/register"), 404);
        problem(agent().contentType("text/plain").body("token").post("/api/v1/agent/register"), 415);
    }

    @Test
    void refreshingWithBadInputIsRefused() {
        problem(agent().body("{}").post("/api/v1/agent/token"), 400)
                .body("errors.field", hasItems("clusterId", "refreshSecret"));
        problem(agent().body("{\"clusterId\":\"nope\",\"refreshSecret\":\"s\"}").post("/api/v1/agent/token"), 400)
                .body("errors[0].field", equalTo("clusterId"));
        problem(agent().body(Map.of("clusterId", UUID.randomUUID(), "refreshSecret", "guess"))
                .post("/api/v1/agent/token"), 401);
    }

    @Test
    void reportingStatusWithBadInputIsRefused() {
        JsonPath created = create(project, "reporter", "generic", "read-only");
        String agentToken = registerAgent(created, "read-only", "generic").getString("accessToken");
        Map<String, Object> facts = facts("read-only", "generic");
        facts.put("agentVersion", "x".repeat(65));
        problem(given().auth().oauth2(agentToken).contentType("application/json")
                .body(Map.of("facts", facts, "cleanupDone", false)).post("/api/v1/agent/status"), 400)
                .body("errors[0].field", equalTo("facts.agentVersion"));
        problem(given().auth().oauth2(agentToken).contentType("application/json")
                .body("{\"cleanupDone\":\"yes\"}").post("/api/v1/agent/status"), 400)
                .body("errors[0].field", equalTo("cleanupDone"));
        problem(given().auth().oauth2(agentToken).contentType("application/json")
                .body("{\"facts\":").post("/api/v1/agent/status"), 400);
    }

    private RequestSpecification asOperator() {
        return given().auth().oauth2(operator).contentType("application/json");
    }

    private static RequestSpecification agent() {
        return given().contentType("application/json");
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(not(containsString("at io.")))
                .body(not(containsString("Exception")));
    }
}
