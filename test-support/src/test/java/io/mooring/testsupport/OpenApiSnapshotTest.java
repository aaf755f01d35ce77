package io.mooring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCUMENT = """
            {"components": {"schemas": {"Zebra": {"type": "object", "properties": {"b": {"type": "string"},
                                                   "a": {"type": "string"}}},
                                        "Apple": {"type": "string"}, "Unused": {"type": "string"}},
                            "responses": {"NotFound": {"description": "nothing", "content": {"application/problem+json":
                                          {"schema": {"$ref": "#/components/schemas/Apple"}}}}},
                            "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}}},
             "paths": {"/api/v1/z": {"post": {"responses": {"404": {"$ref": "#/components/responses/NotFound"},
                                                            "200": {"description": "ok"}}},
                                     "get": {"security": [{"jwt": []}], "responses": {"200": {"description": "ok",
                                             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Zebra"}}}}}}},
                       "/api/v1/a": {"get": {"responses": {"200": {"description": "ok"}}}},
                       "/q/other": {"get": {"responses": {"200": {"description": "ok"}}}}},
             "tags": [{"name": "b"}, {"name": "a"}],
             "info": {"title": "t", "version": "1"},
             "openapi": "3.1.0"}""";

    @Test
    void theWholeDocumentIsWrittenInOneOrderWhateverOrderTheServiceGaveIt() throws Exception {
        JsonNode whole = OpenApiSnapshot.whole(JSON.readTree(DOCUMENT));
        assertThat(names(whole)).containsExactly("openapi", "info", "tags", "paths", "components");
        assertThat(names(whole.path("paths"))).containsExactly("/api/v1/a", "/api/v1/z", "/q/other");
        assertThat(names(whole.path("paths").path("/api/v1/z"))).containsExactly("get", "post");
        assertThat(names(whole.at("/paths/~1api~1v1~1z/post/responses"))).containsExactly("200", "404");
        assertThat(names(whole.at("/components/schemas"))).containsExactly("Apple", "Unused", "Zebra");
        assertThat(names(whole.at("/components/schemas/Zebra/properties"))).as("a schema's own order stays")
                .containsExactly("b", "a");
        assertThat(whole.path("tags").findValuesAsText("name")).containsExactly("a", "b");
        JsonNode withoutTags = ((ObjectNode) whole).without("tags");
        JsonNode givenWithoutTags = ((ObjectNode) JSON.readTree(DOCUMENT)).without("tags");
        assertThat(withoutTags).as("nothing but the order changes").isEqualTo(givenWithoutTags);
    }

    @Test
    void aPartHasThePathsUnderItsPrefixAndEveryComponentTheyReference() throws Exception {
        JsonNode part = OpenApiSnapshot.part(JSON.readTree(DOCUMENT), "/api/v1/z");
        assertThat(names(part.path("paths"))).containsExactly("/api/v1/z");
        assertThat(names(part.path("components"))).containsExactly("responses", "schemas", "securitySchemes");
        assertThat(names(part.at("/components/schemas"))).containsExactly("Apple", "Zebra");
        assertThat(names(part.at("/components/responses"))).containsExactly("NotFound");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
