package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.testsupport.Tokens;
import io.mooring.testsupport.openapi.ResponseValidation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With {@code mooring.test.validate-responses=true}, every answer a test receives is held to the service's OpenAPI
 * document: a documented one passes, an undocumented status, content type or body shape fails the test.
 */
@QuarkusTest
@TestProfile(ResponseValidationTest.Validating.class)
class ResponseValidationTest {

    public static class Validating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ResponseValidation.SWITCH, "true");
        }
    }

    private final Tokens tokens = Tokens.shared();

    @Test
    void documentedAnswersPass() {
        String id = given().auth().oauth2(tokens.operator("p")).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID(), "name", "valid", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(200).extract().path("id");
        given().auth().oauth2(tokens.viewer("p")).get("/api/v1/widgets/" + id).then().statusCode(200);
        given().auth().oauth2(tokens.viewer("p")).get("/api/v1/widgets/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/widgets/" + id).then().statusCode(401);
        given().auth().oauth2(tokens.operator("p")).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID(), "name", "Not A Label"))
                .post("/api/v1/widgets").then().statusCode(400);
    }

    @Test
    void anUndocumentedStatusFailsTheTestThatReceivedIt() {
        assertThatThrownBy(() -> given().auth().oauth2(tokens.viewer("p"))
                .get("/api/v1/widgets/" + UUID.randomUUID() + "?misbehave=status"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(GET /api/v1/widgets/{id})")
                .hasMessageContaining("answered 418, which it does not document");
    }

    @Test
    void aBodyOfTheWrongShapeFailsWithTheSchemaError() {
        assertThatThrownBy(() -> given().auth().oauth2(tokens.viewer("p"))
                .get("/api/v1/widgets/" + UUID.randomUUID() + "?misbehave=body"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(GET /api/v1/widgets/{id})")
                .hasMessageContaining("answered 200 with a body not valid against the documented schema")
                .hasMessageContaining("$.name");
    }

    @Test
    void anUndocumentedContentTypeFails() {
        assertThatThrownBy(() -> given().auth().oauth2(tokens.viewer("p"))
                .get("/api/v1/widgets/" + UUID.randomUUID() + "?misbehave=type"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("answered 200 in text/plain, which it does not document for 200");
    }

    @Test
    void undocumentedPathsAreNotChecked() {
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(tokens.admin()).get("/api/v1/no-such-thing").then().statusCode(404);
    }
}
