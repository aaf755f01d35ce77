package io.mooring.agent.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mooring.agent.platform.PlatformJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's agent-facing API as the services document it: the committed OpenAPI documents of registry, health
 * and addon ({@code docs/api/openapi/}, on the test class path as {@code /openapi/}), which each service's
 * {@code OpenApiDocumentTest} keeps equal to what it serves. The fake platform checks every request the agent sends
 * and every answer it gives against them, so a change on either side that breaks the other fails the agent's tests.
 *
 * <p>Checks are strict where the platform is lenient: a property the document does not name is a violation (the
 * services ignore unknown properties, so a renamed field would otherwise be lost without a word).
 */
public final class PlatformContract {

    public static final List<String> SERVICES = List.of("registry", "health", "addon");

    /** One documented operation and the document its references resolve in. */
    public record Operation(String service, String method, String path, JsonNode definition, ObjectNode components) {
    }

    private static final PlatformContract SHARED = load();

    private final ObjectMapper json = PlatformJson.mapper();
    private final List<Operation> operations;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    private PlatformContract(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    public static PlatformContract shared() {
        return SHARED;
    }

    private static PlatformContract load() {
        YAMLMapper yaml = new YAMLMapper();
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode document;
            try (InputStream in = PlatformContract.class.getResourceAsStream("/openapi/" + service + ".yaml")) {
                if (in == null) {
                    throw new IllegalStateException("docs/api/openapi/" + service + ".yaml is not on the test class path");
                }
                document = yaml.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ObjectNode components = strict(document.path("components").deepCopy());
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue(),
                            components));
                }
            }
        }
        return new PlatformContract(operations);
    }

    /** Every object schema that names its properties admits no others (unless it says otherwise). */
    private static ObjectNode strict(ObjectNode components) {
        List<JsonNode> todo = new ArrayList<>();
        todo.add(components);
        while (!todo.isEmpty()) {
            JsonNode node = todo.remove(todo.size() - 1);
            if (node instanceof ObjectNode object && object.has("properties") && object.path("properties").isObject()
                    && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            node.forEach(todo::add);
        }
        return components;
    }

    public Optional<Operation> operation(String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst();
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * What is wrong with a request the agent sent: an undocumented operation, a missing bearer token where the
     * operation is secured, a missing required header, a body of another media type or not valid against the schema.
     *
     * @param headers the request's headers, names in lower case
     * @param body    the body as sent, decompressed
     */
    public List<String> checkRequest(String method, String path, Map<String, String> headers, byte[] body) {
        List<String> violations = new ArrayList<>();
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            violations.add(method + " " + path + " is not in the platform's OpenAPI documents");
            return violations;
        }
        Operation operation = found.get();
        String where = method + " " + path + " (" + operation.service() + ".yaml)";
        JsonNode definition = operation.definition();
        if (!definition.path("security").isEmpty()) {
            String authorization = headers.get("authorization");
            if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
                violations.add(where + ": a secured operation without a bearer token");
            }
        }
        for (JsonNode parameter : definition.path("parameters")) {
            if ("header".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()
                    && !headers.containsKey(parameter.path("name").asText().toLowerCase(Locale.ROOT))) {
                violations.add(where + ": required header " + parameter.path("name").asText() + " missing");
            }
        }
        JsonNode requestBody = definition.path("requestBody");
        boolean sent = body != null && body.length > 0;
        if (requestBody.isMissingNode()) {
            if (sent) {
                violations.add(where + ": a body the operation does not take");
            }
            return violations;
        }
        if (!sent) {
            if (requestBody.path("required").asBoolean()) {
                violations.add(where + ": the required body is missing");
            }
            return violations;
        }
        String mediaType = mediaType(headers.get("content-type"));
        JsonNode content = requestBody.path("content").path(mediaType);
        if (content.isMissingNode()) {
            violations.add(where + ": Content-Type " + mediaType + " is not one the operation takes");
            return violations;
        }
        violations.addAll(validate(where + " request", content.path("schema"), operation.components(), body));
        return violations;
    }

    /**
     * What is wrong with an answer of the fake platform: a success status the operation does not document, or a body
     * not valid against the documented schema. Error answers (problem+json) are not described per operation in the
     * documents and are not checked here.
     */
    public List<String> checkResponse(String method, String path, int status, String contentType, byte[] body) {
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty() || status >= 400) {
            return List.of();
        }
        Operation operation = found.get();
        String where = method + " " + path + " (" + operation.service() + ".yaml)";
        JsonNode response = operation.definition().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(where + ": answer " + status + " is not documented");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.length == 0 ? List.of() : List.of(where + ": answer " + status + " documents no body");
        }
        JsonNode media = content.path(mediaType(contentType));
        if (media.isMissingNode()) {
            return List.of(where + ": answer " + status + " in " + contentType + " is not documented");
        }
        return validate(where + " answer " + status, media.path("schema"), operation.components(), body);
    }

    /** The documented example of an operation's answer (the first, when there are several). */
    public JsonNode example(String method, String path, int status) {
        Operation operation = operation(method, path).orElseThrow(() -> new IllegalArgumentException(method + " " + path));
        JsonNode media = operation.definition().path("responses").path(Integer.toString(status)).path("content")
                .path("application/json");
        JsonNode examples = media.path("examples");
        if (examples.isObject() && !examples.isEmpty()) {
            return examples.elements().next().path("value").deepCopy();
        }
        if (media.has("example")) {
            return media.path("example").deepCopy();
        }
        throw new IllegalStateException(method + " " + path + " documents no example of its " + status + " answer");
    }

    /** Every documented example of an operation's answer, by name. */
    public Map<String, JsonNode> examples(Operation operation, int status) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        operation.definition().path("responses").path(Integer.toString(status)).path("content").path("application/json")
                .path("examples").fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue().path("value")));
        return found;
    }

    /** What is wrong with a value as an operation's answer of this status. */
    public List<String> validateAnswer(Operation operation, int status, JsonNode value) {
        JsonNode schema = operation.definition().path("responses").path(Integer.toString(status)).path("content")
                .path("application/json").path("schema");
        try {
            return validate(operation.method() + " " + operation.path() + " answer " + status, schema, operation.components(),
                    json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> validate(String where, JsonNode schema, ObjectNode components, byte[] body) {
        if (schema.isMissingNode()) {
            return List.of(where + ": no schema documented");
        }
        JsonNode value;
        try {
            value = json.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": not JSON (" + e.getMessage() + ")");
        }
        ObjectNode root = schema.deepCopy();
        root.set("components", components);
        JsonSchema validator = compiled.computeIfAbsent(root, r -> schemas.getSchema(r));
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : validator.validate(value)) {
            violations.add(where + ": " + message.getMessage());
        }
        return violations;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
