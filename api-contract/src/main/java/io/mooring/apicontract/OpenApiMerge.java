package io.mooring.apicontract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the services' OpenAPI documents into one, the way the gateway puts the services behind one address. Each
 * path has one owner; a component, tag or info field several documents declare must be the same everywhere, since
 * the merged document can only keep one. Everything else is an error naming both documents rather than a silent
 * choice, so a clash is fixed in the service that caused it.
 */
public final class OpenApiMerge {

    /** One service's document. */
    public record Source(String service, JsonNode document) {
    }

    /** What the gateway states about itself: the merged document's title, description and servers. */
    public record Gateway(String title, String description, JsonNode servers) {
    }

    /** A clash between the documents: the merge has no right answer. */
    public static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message);
        }
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Top-level fields of a service document the merge knows; any other one would be lost, so it is refused. */
    private static final Set<String> KNOWN = Set.of("openapi", "info", "servers", "paths", "components", "tags", "security");
    /** Info fields that say something about the whole API, so every document that states one must agree. */
    private static final List<String> SHARED_INFO = List.of("version", "termsOfService", "contact", "license");
    private static final String DEFAULT_VERSION = "1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiMerge() {
    }

    public static ObjectNode merge(List<Source> sources, Gateway gateway) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("No documents to merge");
        }
        Owned<JsonNode> openapi = new Owned<>("the OpenAPI version");
        Map<String, Owned<JsonNode>> tags = new LinkedHashMap<>();
        Map<String, Owned<JsonNode>> paths = new TreeMap<>();
        Map<String, Map<String, Owned<JsonNode>>> components = new TreeMap<>();
        Map<String, Owned<JsonNode>> sharedInfo = new LinkedHashMap<>();

        for (Source source : sources) {
            JsonNode document = source.document();
            for (String field : names(document)) {
                if (!KNOWN.contains(field)) {
                    throw new ConflictException(source.service() + "'s document has a top-level '" + field
                            + "' the merge does not know how to combine");
                }
            }
            openapi.put(document.path("openapi"), source.service());
            for (String field : SHARED_INFO) {
                JsonNode value = document.path("info").path(field);
                if (!value.isMissingNode()) {
                    sharedInfo.computeIfAbsent(field, f -> new Owned<>("info." + f)).put(value, source.service());
                }
            }
            for (JsonNode tag : document.path("tags")) {
                String name = tag.path("name").asText();
                tags.computeIfAbsent(name, n -> new Owned<>("tag '" + n + "'")).put(tag, source.service());
            }
            JsonNode security = document.path("security");
            for (String path : names(document.path("paths"))) {
                JsonNode item = withSecurity(document.path("paths").path(path), security);
                paths.computeIfAbsent(path, p -> new Owned<>("path " + p)).put(item, source.service());
            }
            JsonNode sourceComponents = document.path("components");
            for (String kind : names(sourceComponents)) {
                Map<String, Owned<JsonNode>> ofKind = components.computeIfAbsent(kind, k -> new TreeMap<>());
                for (String name : names(sourceComponents.path(kind))) {
                    ofKind.computeIfAbsent(name, n -> new Owned<>("components." + kind + "." + n))
                            .put(sourceComponents.path(kind).path(name), source.service());
                }
            }
        }

        ObjectNode merged = JSON.createObjectNode();
        merged.set("openapi", openapi.value);
        ObjectNode mergedInfo = merged.putObject("info");
        mergedInfo.put("title", gateway.title());
        mergedInfo.put("description", gateway.description());
        mergedInfo.set("version", sharedInfo.containsKey("version") ? sharedInfo.remove("version").value
                : JSON.getNodeFactory().textNode(DEFAULT_VERSION));
        sharedInfo.forEach((field, value) -> mergedInfo.set(field, value.value));
        merged.set("servers", gateway.servers().deepCopy());
        if (!tags.isEmpty()) {
            ArrayNode mergedTags = merged.putArray("tags");
            tags.values().forEach(tag -> mergedTags.add(tag.value));
        }
        ObjectNode mergedPaths = merged.putObject("paths");
        paths.forEach((path, item) -> mergedPaths.set(path, item.value));
        if (!components.isEmpty()) {
            ObjectNode mergedComponents = merged.putObject("components");
            components.forEach((kind, named) -> {
                ObjectNode ofKind = mergedComponents.putObject(kind);
                named.forEach((name, value) -> ofKind.set(name, value.value));
            });
        }
        return merged;
    }

    /**
     * The operationIds used by more than one operation, each with the operations ({@code METHOD path}) that use it.
     * A generated client names its methods after them, so two operations with one id cannot both be called.
     */
    public static Map<String, List<String>> duplicateOperationIds(JsonNode document) {
        Map<String, List<String>> operations = new TreeMap<>();
        for (String path : names(document.path("paths"))) {
            JsonNode item = document.path("paths").path(path);
            for (String method : names(item)) {
                JsonNode id = item.path(method).path("operationId");
                if (METHODS.contains(method) && id.isTextual()) {
                    operations.computeIfAbsent(id.asText(), i -> new ArrayList<>())
                            .add(method.toUpperCase() + " " + path);
                }
            }
        }
        operations.values().removeIf(uses -> uses.size() < 2);
        return operations;
    }

    /** A document-wide security requirement belongs to each of its operations that states none of its own. */
    private static JsonNode withSecurity(JsonNode item, JsonNode documentSecurity) {
        if (documentSecurity.isMissingNode()) {
            return item;
        }
        ObjectNode copy = item.deepCopy();
        for (String method : names(item)) {
            if (METHODS.contains(method) && !item.path(method).has("security")) {
                ((ObjectNode) copy.path(method)).set("security", documentSecurity.deepCopy());
            }
        }
        return copy;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    /** A value one or more documents declare, with the service that declared it first. */
    private static final class Owned<T> {
        private final String what;
        private T value;
        private String owner;

        Owned(String what) {
            this.what = what;
        }

        void put(T candidate, String service) {
            if (value == null) {
                value = candidate;
                owner = service;
            } else if (!value.equals(candidate)) {
                throw new ConflictException(what + " is declared differently by " + owner + "'s and " + service
                        + "'s documents" + (what.startsWith("path") ? " (a path belongs to one service)" : ""));
            }
        }
    }
}
