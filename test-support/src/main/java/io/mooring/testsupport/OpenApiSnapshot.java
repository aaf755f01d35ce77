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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's OpenAPI document, kept in the repository under {@code docs/api/openapi/<service>.yaml}: the contract
 * gateway consumers load and generate clients from, and that cluster-agent's tests check the agent's requests and the
 * fake platform's answers against. A service's test compares its live {@code /q/openapi} with the committed copy, so
 * a change to the contract fails there first and is committed on purpose (regenerate with
 * {@code -Dmooring.openapi.write=true}). {@link #assertLiveMatchesCommitted(String)} compares the whole document;
 * {@link #assertLiveMatchesCommitted(String, String)} only the paths under a prefix and the schemas they reference, so
 * the service's other endpoints change freely. Either way the document is written in one order (paths, methods,
 * statuses and components by name), so two builds of the same API write the same file.
 */
public final class OpenApiSnapshot {

    /** System property: write the live part over the committed file instead of comparing. */
    public static final String WRITE = "mooring.openapi.write";
    private static final String COMPONENT_REF = "#/components/";
    private static final List<String> TOP_LEVEL = List.of("openapi", "info", "jsonSchemaDialect", "servers", "security",
            "tags", "externalDocs", "paths", "webhooks", "components");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

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
     * Compares the running service's whole {@code /q/openapi} (every path and component) with the committed document,
     * or writes it when {@value #WRITE} is true. Call it from a {@code @QuarkusTest}.
     */
    public static void assertLiveMatchesCommitted(String service) {
        assertMatches(whole(live()), committed(service), service, "OpenAPI document", caller());
    }

    /**
     * Compares the running service's {@code /q/openapi} (paths under {@code prefix}) with the committed document, or
     * writes it when {@value #WRITE} is true. Call it from a {@code @QuarkusTest}.
     */
    public static void assertLiveMatchesCommitted(String service, String prefix) {
        assertMatches(part(live(), prefix), committed(service), service, "agent-facing API", caller());
    }

    private static JsonNode live() {
        String live = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(live);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simple name of the test class that asked, for the regeneration hint. */
    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != OpenApiSnapshot.class).findFirst())
                .map(Class::getSimpleName).orElse("OpenApiDocumentTest");
    }

    private static void assertMatches(ObjectNode live, Path committed, String service, String what, String test) {
        String regenerate = "regenerate with ./mvnw -B -o test -pl " + service + "-service -am -Dtest=" + test
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true, and make cluster-agent's tests pass";
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.createDirectories(committed.getParent());
                String header = what.equals("agent-facing API")
                        ? "# The agent-facing part of " + service + "-service's OpenAPI document: the contract"
                                + " cluster-agent's tests check against.\n"
                        : "# The OpenAPI document of " + service + "-service: the contract its clients (and"
                                + " cluster-agent's tests) rely on.\n";
                Files.writeString(committed, header + "# Generated; " + regenerate + ".\n" + YAML.writeValueAsString(live));
                return;
            }
            if (!Files.exists(committed)) {
                throw new AssertionError(committed + " is missing; " + regenerate);
            }
            JsonNode stored = YAML.readTree(committed.toFile());
            if (!stored.equals(live)) {
                throw new AssertionError("The " + what + " of " + service + "-service differs from " + committed + " in "
                        + differences(stored, live) + "; if the change is meant, " + regenerate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole document in one order: the top-level sections as OpenAPI lists them, paths by name, the operations of
     * a path in HTTP method order, responses by status, each components section by name, tags by name. What is inside
     * a schema (its properties) keeps the order the service gives it, which is its fields' order.
     */
    public static ObjectNode whole(JsonNode document) {
        ObjectNode whole = JSON.createObjectNode();
        for (String section : TOP_LEVEL) {
            if (document.has(section)) {
                whole.set(section, document.get(section).deepCopy());
            }
        }
        fields(document).forEach((name, value) -> {
            if (!whole.has(name)) {
                whole.set(name, value.deepCopy());
            }
        });
        if (whole.path("tags").isArray()) {
            List<JsonNode> tags = new ArrayList<>();
            whole.path("tags").forEach(tags::add);
            tags.sort(Comparator.comparing(tag -> tag.path("name").asText()));
            whole.putArray("tags").addAll(tags);
        }
        if (whole.path("paths").isObject()) {
            ObjectNode paths = JSON.createObjectNode();
            fields(whole.path("paths")).forEach((path, item) -> paths.set(path, orderedPathItem(item)));
            whole.set("paths", paths);
        }
        if (whole.path("components").isObject()) {
            ObjectNode components = JSON.createObjectNode();
            fields(whole.path("components")).forEach((section, entries) -> components.set(section,
                    entries.isObject() ? sorted(entries) : entries));
            whole.set("components", components);
        }
        return whole;
    }

    private static ObjectNode orderedPathItem(JsonNode item) {
        ObjectNode ordered = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.comparingInt((String name) -> METHODS.indexOf(name) < 0 ? -1 : METHODS.indexOf(name))
                .thenComparing(Comparator.naturalOrder()));
        for (String name : names) {
            JsonNode value = item.get(name).deepCopy();
            if (METHODS.contains(name) && value.path("responses").isObject()) {
                ((ObjectNode) value).set("responses", sorted(value.path("responses")));
            }
            ordered.set(name, value);
        }
        return ordered;
    }

    private static ObjectNode sorted(JsonNode object) {
        ObjectNode sorted = JSON.createObjectNode();
        fields(object).forEach(sorted::set);
        return sorted;
    }

    /**
     * The paths under {@code prefix}, the components they reference (schemas, shared responses, headers...,
     * transitively) and the security schemes they name.
     */
    public static ObjectNode part(JsonNode document, String prefix) {
        ObjectNode part = JSON.createObjectNode();
        part.put("openapi", document.path("openapi").asText());
        ObjectNode paths = part.putObject("paths");
        new TreeMap<>(fields(document.path("paths"))).forEach((path, item) -> {
            if (path.startsWith(prefix)) {
                paths.set(path, item.deepCopy());
            }
        });
        JsonNode all = document.path("components");
        Map<String, Set<String>> used = new TreeMap<>();
        used.put("schemas", new TreeSet<>());
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(paths);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            String ref = node.path("$ref").asText("");
            if (ref.startsWith(COMPONENT_REF)) {
                String[] sectionAndName = ref.substring(COMPONENT_REF.length()).split("/", 2);
                if (sectionAndName.length == 2
                        && used.computeIfAbsent(sectionAndName[0], s -> new TreeSet<>()).add(sectionAndName[1])) {
                    todo.push(all.path(sectionAndName[0]).path(sectionAndName[1]));
                }
            }
            node.forEach(todo::push);
        }
        Set<String> schemes = new TreeSet<>();
        paths.forEach(item -> item.forEach(operation -> operation.path("security")
                .forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add))));
        if (!schemes.isEmpty()) {
            used.computeIfAbsent("securitySchemes", s -> new TreeSet<>()).addAll(schemes);
        }
        ObjectNode components = part.putObject("components");
        used.forEach((section, names) -> {
            ObjectNode entries = components.putObject(section);
            names.forEach(name -> entries.set(name, all.path(section).path(name).deepCopy()));
        });
        return part;
    }

    private static String differences(JsonNode stored, JsonNode live) {
        Set<String> names = new TreeSet<>();
        for (String section : TOP_LEVEL) {
            if (!section.equals("paths") && !section.equals("components") && !stored.path(section).equals(live.path(section))) {
                names.add(section);
            }
        }
        Set<String> sections = new TreeSet<>(Set.of("paths", "components/schemas"));
        fields(stored.path("components")).keySet().forEach(name -> sections.add("components/" + name));
        fields(live.path("components")).keySet().forEach(name -> sections.add("components/" + name));
        for (String section : sections) {
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
