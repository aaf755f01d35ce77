package io.mooring.testsupport.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A service's OpenAPI document as the judge of its answers: whether a status is documented for an operation, whether
 * the content type is one documented for that status, and whether a JSON body is valid against the documented
 * schema. Paths the document does not name are not judged.
 */
public final class ResponseContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One documented operation. */
    public record Operation(String method, String path, JsonNode definition) {

        /** How a failure message names it: its operationId where it has one, and method and path. */
        public String name() {
            String id = definition.path("operationId").asText("");
            return (id.isEmpty() ? "" : id + " ") + "(" + method + " " + path + ")";
        }
    }

    private final JsonNode document;
    private final SchemaCheck schemas;

    public ResponseContract(JsonNode document) {
        this.document = document;
        this.schemas = new SchemaCheck(document.path("components"), true);
    }

    public static ResponseContract parse(String json) {
        try {
            return new ResponseContract(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an OpenAPI document in JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The documented operation a request reaches: the path template that matches with the most literal segments
     * ({@code /clusters/fleet} before {@code /clusters/{id}}), and the method on it. Empty when the document names
     * neither.
     */
    public Optional<Operation> operation(String method, String requestPath) {
        String[] segments = segments(requestPath);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext();) {
            String template = paths.next();
            int literals = literalMatches(segments(template), segments);
            if (literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String lower = method.toLowerCase(Locale.ROOT);
        JsonNode definition = document.path("paths").path(best).path(lower);
        return definition.isObject() ? Optional.of(new Operation(method.toUpperCase(Locale.ROOT), best, definition))
                : Optional.empty();
    }

    /**
     * What is wrong with an answer to a documented operation, one message each; empty when it is what the document
     * says. {@code body} is the body as received (empty for none).
     */
    public List<String> check(Operation operation, int status, String contentType, byte[] body) {
        JsonNode response = response(operation.definition().path("responses"), status);
        if (response == null) {
            return checkStatus(operation, status);
        }
        JsonNode content = response.path("content");
        boolean hasBody = body != null && body.length > 0;
        if (!content.isObject() || content.isEmpty()) {
            return hasBody ? List.of("answered " + status + " with a body (" + contentType
                    + "), but documents none for " + status) : List.of();
        }
        if (!hasBody) {
            return List.of("answered " + status + " without a body, but documents one ("
                    + String.join(", ", names(content)) + ")");
        }
        String mediaType = mediaType(contentType);
        JsonNode media = media(content, mediaType);
        if (media == null) {
            return List.of("answered " + status + " in " + (mediaType.isEmpty() ? "no content type" : mediaType)
                    + ", which it does not document for " + status + " (documented: "
                    + String.join(", ", names(content)) + ")");
        }
        JsonNode schema = media.path("schema");
        if (!isJson(mediaType) || !schema.isObject()) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("answered " + status + " in " + mediaType + " with a body that is not JSON: " + e.getMessage());
        }
        List<String> violations = new ArrayList<>();
        for (String message : schemas.validate(schema, SchemaCheck.withoutNulls(value))) {
            violations.add("answered " + status + " with a body not valid against the documented schema: " + message);
        }
        return violations;
    }

    /** Whether the status is documented for the operation: empty when it is, the violation otherwise. */
    public List<String> checkStatus(Operation operation, int status) {
        return response(operation.definition().path("responses"), status) != null ? List.of()
                : List.of("answered " + status + ", which it does not document (documented: "
                        + String.join(", ", names(operation.definition().path("responses"))) + ")");
    }

    /** The documented response for a status: exact, then its range ({@code 4XX}), then {@code default}. */
    private JsonNode response(JsonNode responses, int status) {
        for (String key : List.of(Integer.toString(status), (status / 100) + "XX", "default")) {
            JsonNode response = responses.path(key);
            if (response.isObject()) {
                return resolve(response);
            }
        }
        return null;
    }

    /** A {@code $ref} to {@code #/components/responses/...} replaced by what it names. */
    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : response;
    }

    /** The documented media type an answer's falls under, exact first, then {@code type/*} and {@code *}{@code /*}. */
    private static JsonNode media(JsonNode content, String mediaType) {
        if (content.has(mediaType)) {
            return content.path(mediaType);
        }
        int slash = mediaType.indexOf('/');
        if (slash > 0 && content.has(mediaType.substring(0, slash) + "/*")) {
            return content.path(mediaType.substring(0, slash) + "/*");
        }
        return content.has("*/*") ? content.path("*/*") : null;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    /** How many segments match literally, or -1 when the template does not match the path. */
    private static int literalMatches(String[] template, String[] path) {
        if (template.length != path.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                if (path[i].isEmpty()) {
                    return -1;
                }
            } else if (template[i].equals(path[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
