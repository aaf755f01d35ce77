package io.mooring.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseContractTest {

    private final ResponseContract contract = ResponseContract.parse("""
            {"openapi": "3.1.0",
             "paths": {
               "/api/v1/things/{id}": {"get": {"operationId": "getThing", "responses": {
                   "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                   "404": {"$ref": "#/components/responses/NotFound"}}},
                 "delete": {"responses": {"204": {"description": "gone"}}}},
               "/api/v1/things/fleet": {"get": {"operationId": "getFleet", "responses": {"200": {"description": "ok",
                   "content": {"text/csv": {"schema": {"type": "string"}}}}}}}},
             "components": {
               "schemas": {"Thing": {"type": "object", "required": ["id"], "properties": {
                   "id": {"type": "string"}, "size": {"type": "integer"}}},
                 "Problem": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}}}},
               "responses": {"NotFound": {"description": "none", "content": {"application/problem+json":
                   {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}""");

    @Test
    void aLiteralSegmentWinsOverATemplateAndUnknownPathsOrMethodsAreNotJudged() {
        assertThat(contract.operation("GET", "/api/v1/things/fleet").orElseThrow().name()).startsWith("getFleet");
        assertThat(contract.operation("GET", "/api/v1/things/42").orElseThrow().name())
                .isEqualTo("getThing (GET /api/v1/things/{id})");
        assertThat(contract.operation("GET", "/api/v1/other")).isEmpty();
        assertThat(contract.operation("PUT", "/api/v1/things/42")).isEmpty();
    }

    @Test
    void aDocumentedAnswerPassesAndANullOptionalPropertyCountsAsAbsent() {
        ResponseContract.Operation get = contract.operation("GET", "/api/v1/things/1").orElseThrow();
        assertThat(check(get, 200, "application/json;charset=UTF-8", "{\"id\": \"1\", \"size\": null}")).isEmpty();
        assertThat(check(get, 404, "application/problem+json", "{\"status\": 404}")).isEmpty();
        assertThat(check(contract.operation("DELETE", "/api/v1/things/1").orElseThrow(), 204, null, "")).isEmpty();
    }

    @Test
    void eachKindOfDepartureIsNamed() {
        ResponseContract.Operation get = contract.operation("GET", "/api/v1/things/1").orElseThrow();
        assertThat(check(get, 500, "application/problem+json", "{\"status\": 500}"))
                .containsExactly("answered 500, which it does not document (documented: 200, 404)");
        assertThat(check(get, 200, "text/plain", "1"))
                .containsExactly("answered 200 in text/plain, which it does not document for 200 (documented: application/json)");
        assertThat(check(get, 200, "application/json", "{\"id\": null}")).singleElement().asString()
                .contains("not valid against the documented schema").contains("id");
        assertThat(check(get, 200, "application/json", "{\"id\": \"1\", \"colour\": \"red\"}")).singleElement()
                .asString().as("an undocumented property").contains("colour");
        assertThat(check(get, 200, "application/json", "")).singleElement().asString().contains("without a body");
        assertThat(check(contract.operation("DELETE", "/api/v1/things/1").orElseThrow(), 204, "application/json", "{}"))
                .singleElement().asString().contains("documents none");
    }

    private List<String> check(ResponseContract.Operation operation, int status, String type, String body) {
        return contract.check(operation, status, type, body.getBytes(StandardCharsets.UTF_8));
    }
}
