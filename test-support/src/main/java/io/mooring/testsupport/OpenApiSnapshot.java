package io.mooring.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agent-facing part of a service's OpenAPI document, kept in the repository under {@code docs/api/openapi/}: it is
 * the contract cluster-agent's tests check the agent's requests and the fake platform's answers against. A service's
 * test compares its live {@code /q/openapi} with the committed copy, so a change to what the agent calls fails there
 * first and is committed on purpose (regenerate with {@code -Dmooring.openapi.write=true}); only paths under the
 * given prefix and the schemas they reference are compared, so the service's other endpoints change freely.
 */
public final class OpenApiSnapshot {

    /** System property: write the live part over the committed file instead of comparing. */
    public static final String WRITE = "mooring.openapi.write";
    private static final String SCHEMA_REF = "#/components/schemas/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private OpenApiSnapshot() {
    }

    /** The committed contract document of a service ({@code registry}, {@code health}, {@code addon}), from a module directory. */
    public static Path committed(String service) {
        return Path.of("..", "docs", "api", "openapi", service + ".yaml");
    }

    /**
     * Compares the running service's {@code /q/openapi} (paths under {@code prefix}) with the committed document, or
     * writes it when {@value #WRITE} is true. Call it from a {@code @QuarkusTest}.
     */
    public static void assertLiveMatchesCommitted(String service, String prefix) {
        String live = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        try {
            assertMatches(part(JSON.readTree(live), prefix), committed(service), service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertMatches(ObjectNode live, Path committed, String service) throws IOException {
        String regenerate = "regenerate with ./mvnw -B -o test -pl " + service + "-service -am -Dtest=AgentApiContractTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true, and make cluster-agent's tests pass";
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, "# The agent-facing part of " + service + "-service's OpenAPI document: the contract"
                    + " cluster-agent's tests check against.\n# Generated; " + regenerate + ".\n" + YAML.writeValueAsString(live));
            return;
        }
        if (!Files.exists(committed)) {
            throw new AssertionError(committed + " is missing; " + regenerate);
        }
        JsonNode stored = YAML.readTree(committed.toFile());
        if (!stored.equals(live)) {
            throw new AssertionError("The agent-facing API of " + service + "-service differs from " + committed + " in "
                    + differences(stored, live) + "; if the change is meant, " + regenerate);
        }
    }

    /** The paths under {@code prefix}, the schemas they reference (transitively) and the security schemes they name. */
    public static ObjectNode part(JsonNode document, String prefix) {
        ObjectNode part = JSON.createObjectNode();
        part.put("openapi", document.path("openapi").asText());
        ObjectNode paths = part.putObject("paths");
        new TreeMap<>(fields(document.path("paths"))).forEach((path, item) -> {
            if (path.startsWith(prefix)) {
                paths.set(path, item.deepCopy());
            }
        });
        JsonNode allSchemas = document.path("components").path("schemas");
        Set<String> used = new TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(paths);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            String ref = node.path("$ref").asText("");
            if (ref.startsWith(SCHEMA_REF) && used.add(ref.substring(SCHEMA_REF.length()))) {
                todo.push(allSchemas.path(ref.substring(SCHEMA_REF.length())));
            }
            node.forEach(todo::push);
        }
        Set<String> schemes = new TreeSet<>();
        paths.forEach(item -> item.forEach(operation -> operation.path("security")
                .forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add))));
        ObjectNode components = part.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        used.forEach(name -> schemas.set(name, allSchemas.path(name).deepCopy()));
        if (!schemes.isEmpty()) {
            ObjectNode securitySchemes = components.putObject("securitySchemes");
            schemes.forEach(name -> securitySchemes.set(name, document.path("components").path("securitySchemes").path(name).deepCopy()));
        }
        return part;
    }

    private static String differences(JsonNode stored, JsonNode live) {
        Set<String> names = new TreeSet<>();
        for (String section : new String[] {"paths", "components/schemas"}) {
            JsonNode a = stored.at("/" + section);
            JsonNode b = live.at("/" + section);
            Set<String> keys = new TreeSet<>(fields(a).keySet());
            keys.addAll(fields(b).keySet());
            keys.stream().filter(k -> !a.path(k).equals(b.path(k))).forEach(k -> names.add(section + " " + k));
        }
        return names.isEmpty() ? "its header" : String.join(", ", names);
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }
}
