package io.mooring.testsupport.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON values against the schemas of an OpenAPI 3.1 document (JSON Schema 2020-12), resolving
 * {@code #/components/...} references in the document's own components.
 */
public final class SchemaCheck {

    private final ObjectNode components;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    /**
     * @param components the document's {@code components}
     * @param strict     whether an object schema that names its properties admits no others (unless it says so)
     */
    public SchemaCheck(JsonNode components, boolean strict) {
        ObjectNode copy = components instanceof ObjectNode object ? object.deepCopy() : new ObjectNode(null);
        this.components = strict ? strict(copy) : copy;
    }

    /** What is wrong with {@code value} as an instance of {@code schema}, one message each; empty when it is valid. */
    public List<String> validate(JsonNode schema, JsonNode value) {
        ObjectNode root = schema.deepCopy();
        root.set("components", components);
        JsonSchema validator = compiled.computeIfAbsent(root, factory::getSchema);
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : validator.validate(value)) {
            violations.add(message.getMessage());
        }
        return violations;
    }

    /** Marks every object schema that names its properties, and says nothing of others, as admitting no others. */
    public static ObjectNode strict(ObjectNode components) {
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

    /**
     * The value with every object property whose value is null left out: Mooring's services write an absent optional
     * property as null (Jackson's default), and the documents say {@code optional} by leaving it out of
     * {@code required}. A null where a property is required is still caught, as a missing property.
     */
    public static JsonNode withoutNulls(JsonNode value) {
        JsonNode copy = value.deepCopy();
        List<JsonNode> todo = new ArrayList<>();
        todo.add(copy);
        while (!todo.isEmpty()) {
            JsonNode node = todo.remove(todo.size() - 1);
            if (node instanceof ObjectNode object) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                    if (fields.next().getValue().isNull()) {
                        fields.remove();
                    }
                }
            }
            node.forEach(todo::add);
        }
        return copy;
    }
}
