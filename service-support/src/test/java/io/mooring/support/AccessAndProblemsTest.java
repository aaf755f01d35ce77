package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.mooring.testsupport.KeyMaterial;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessAndProblemsTest {

    private final Tokens tokens = Tokens.shared();

    @Test
    void aRequestWithoutATokenIsUnauthorizedWithAProblem() {
        given().get("/api/v1/widgets")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    @Test
    void forgedExpiredAndGarbageTokensAreUnauthorized() {
        given().auth().oauth2(tokens.forged("mooring-admin")).get("/api/v1/widgets").then().statusCode(401);
        given().auth().oauth2(tokens.expiredOperator("test")).get("/api/v1/widgets").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/api/v1/widgets").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenOfTheTrustedProviderForAnotherAudienceOrNoneIsUnauthorized() {
        given().auth().oauth2(tokens.forAnotherAudience("mooring-admin")).get("/api/v1/widgets")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(tokens.withoutAudience("mooring-admin")).get("/api/v1/widgets")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets").then().statusCode(200);
    }

    @Test
    void aViewerCannotDoWhatNeedsAnOperator() {
        given().auth().oauth2(tokens.viewer("test")).contentType("application/json")
                .body("{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"seq\":1}")
                .post("/api/v1/widgets")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void higherRolesHoldTheLowerOnes() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets").then().statusCode(200);
        given().auth().oauth2(tokens.operator("p")).get("/api/v1/widgets").then().statusCode(200)
                .body("projects", hasItem("p"));
    }

    @Test
    void agentTokensOnlyReachAgentRoutesAndUserTokensNeverReachThem() {
        UUID cluster = UUID.randomUUID();
        given().auth().oauth2(tokens.agent(cluster)).get("/api/v1/widgets").then().statusCode(403);
        given().auth().oauth2(tokens.agent(cluster)).get("/api/v1/widgets/agent").then().statusCode(200)
                .body(equalTo(cluster.toString()));
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets/agent").then().statusCode(403);
    }

    @Test
    void theAgentKeyCannotMintAUserTokenNorAUserClaimTheAgentRole() {
        String agentKeySignedOperator = Jwt.issuer("mooring-registry").subject(UUID.randomUUID().toString())
                .groups(Set.of("mooring-operator", "mooring-agent"))
                .jws().keyId("mooring-agents-1").sign(KeyMaterial.shared().agentSigningKey());
        given().auth().oauth2(agentKeySignedOperator).get("/api/v1/widgets").then().statusCode(401);
        String userClaimingAgent = tokens.user("eve", "mooring-agent", "test");
        given().auth().oauth2(userClaimingAgent).get("/api/v1/widgets/agent").then().statusCode(401);
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        given().auth().oauth2(tokens.operator("test")).contentType("application/json").body("{\"name\": ")
                .post("/api/v1/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid request")).body("detail", containsString("JSON"))
                .body(not(containsString("at io.")));
    }

    @Test
    void wrongTypesAndUnknownEnumValuesNameTheField() {
        given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"seq\":\"many\"}")
                .post("/api/v1/widgets")
                .then().statusCode(400).body("errors[0].field", equalTo("seq"));
        given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"seq\":1,\"colour\":\"BLUE\"}")
                .post("/api/v1/widgets")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", containsString("RED"));
        given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"clusterId\":\"nope\",\"name\":\"x\",\"seq\":1}")
                .post("/api/v1/widgets")
                .then().statusCode(400).body("errors[0].field", equalTo("clusterId"));
    }

    @Test
    void validationFailuresListEveryInvalidField() {
        given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"name\":\"Not A Label\",\"seq\":-1}")
                .post("/api/v1/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("clusterId"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("seq"));
        given().auth().oauth2(tokens.operator("test")).get("/api/v1/widgets?limit=1000")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(tokens.operator("test")).contentType("application/json").post("/api/v1/widgets")
                .then().statusCode(400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAProblem() {
        given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"name\":\"" + "a".repeat(70_000) + "\"}")
                .post("/api/v1/widgets")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.admin()).delete("/api/v1/widgets")
                .then().statusCode(405).contentType("application/problem+json");
        given().auth().oauth2(tokens.operator("test")).contentType("text/plain").body("hello")
                .post("/api/v1/widgets")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/widgets"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("mooring_outbox_published"));
    }
}
