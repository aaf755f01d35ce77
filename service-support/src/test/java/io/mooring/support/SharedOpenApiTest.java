package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared OpenAPI pieces reach the document a service serves, without the service doing anything. */
@QuarkusTest
class SharedOpenApiTest {

    private JsonNode document;

    @BeforeEach
    void load() throws Exception {
        document = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void theProblemSchemaWithItsFieldErrorsAndAResponsePerCommonErrorAreComponents() {
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(names(problem.path("properties"))).containsExactly("type", "title", "status", "detail", "errors");
        assertThat(problem.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/FieldError");
        assertThat(names(document.at("/components/schemas/FieldError/properties"))).containsExactly("field", "message");
        assertThat(names(document.at("/components/responses"))).contains("BadRequest", "Unauthorized", "Forbidden",
                "NotFound", "Conflict", "PayloadTooLarge", "UnsupportedMediaType", "ServiceUnavailable");
        assertThat(document.at("/components/responses/ServiceUnavailable/content/application~1problem+json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(document.at("/components/responses/ServiceUnavailable/headers/Retry-After").isMissingNode()).isFalse();
    }

    @Test
    void anOperationWithABodyDocumentsEveryErrorTheSharedCodeGives() {
        JsonNode responses = document.at("/paths/~1api~1v1~1widgets/post/responses");
        assertThat(names(responses)).containsExactly("200", "400", "401", "403", "413", "414", "415", "431", "503");
        assertThat(responses.at("/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(responses.at("/400/$ref").asText()).isEqualTo("#/components/responses/BadRequest");
        assertThat(responses.at("/413/$ref").asText()).isEqualTo("#/components/responses/PayloadTooLarge");
        assertThat(responses.at("/503/$ref").asText()).isEqualTo("#/components/responses/ServiceUnavailable");
    }

    @Test
    void anOperationWithoutParametersOrBodyGetsNeither400Nor413Nor415() {
        JsonNode responses = document.at("/paths/~1api~1v1~1widgets~1agent/get/responses");
        assertThat(names(responses)).containsExactly("200", "401", "403", "414", "431", "503");
    }

    @Test
    void anErrorAnOperationDocumentsItselfIsKeptAndGivenTheProblemBody() {
        JsonNode replay = document.at("/paths/~1api~1v1~1admin~1support-test~1dead-letters~1{id}~1replay/post");
        assertThat(replay.at("/responses/409/description").asText()).startsWith("Already replayed");
        assertThat(replay.at("/responses/409/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(replay.at("/responses/422/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void theDeadLetterApiHasTheServicesOwnPathsAndOperationIds() {
        JsonNode paths = document.path("paths");
        assertThat(names(paths)).noneMatch(path -> path.contains("{service}"));
        assertThat(paths.at("/~1api~1v1~1admin~1support-test~1dead-letters/get/operationId").asText())
                .isEqualTo("listSupportTestDeadLetters");
        JsonNode letter = paths.path("/api/v1/admin/support-test/dead-letters/{id}");
        assertThat(letter.at("/get/operationId").asText()).isEqualTo("getSupportTestDeadLetter");
        assertThat(letter.at("/delete/operationId").asText()).isEqualTo("discardSupportTestDeadLetter");
        assertThat(letter.at("/get/parameters").findValuesAsText("name")).containsExactly("id");
        assertThat(names(letter.at("/delete/responses"))).containsExactly("204", "400", "401", "403", "404", "414", "431",
                "503");
        assertThat(paths.at("/~1api~1v1~1admin~1support-test~1dead-letters~1{id}~1replay/post/operationId").asText())
                .isEqualTo("replaySupportTestDeadLetter");
    }

    @Test
    void infoServersSecurityAndTagsAreThoseOfTheGateway() {
        assertThat(document.at("/info/license/name").asText()).isNotBlank();
        assertThat(document.at("/info/contact/name").asText()).isNotBlank();
        assertThat(document.path("servers").findValuesAsText("url")).containsExactly("/");
        assertThat(names(document.at("/components/securitySchemes"))).containsExactly("jwt");
        assertThat(document.at("/paths/~1api~1v1~1widgets/get/security/0/jwt/0").asText()).isEqualTo("mooring-viewer");
        JsonNode tags = document.path("tags");
        assertThat(tags.findValuesAsText("name")).contains("Admin: dead letters", "Widgets");
        tags.forEach(tag -> assertThat(tag.path("description").asText()).as(tag.path("name").asText()).isNotBlank());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
