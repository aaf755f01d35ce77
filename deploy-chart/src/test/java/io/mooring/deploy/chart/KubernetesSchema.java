package io.mooring.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Kubernetes API's schema of every kind the chart renders, from the {@code schema/validation-schema.json} files
 * fabric8's model modules ship (core, apps, policy, autoscaling, networking, Gateway API, and the Prometheus
 * Operator's monitoring.coreos.com in openshift-model-monitoring), validated with networknt's json-schema-validator.
 * The custom resources (HTTPRoute, ServiceMonitor) are checked the same way, against those modules' schemas.
 *
 * <p>fabric8 generated those files from the API's Go types for its own code generator, which leaves four things that
 * are not what the API server accepts; each is corrected here, and only these:
 * <ul>
 *   <li>every object type allows unknown fields ({@code additionalProperties: true}, so that the Java types keep
 *       them): set to false, as the API server's strict field validation (kubectl's default since 1.27) refuses
 *       an unknown field. Maps (labels, annotations, selectors) keep their value schemas;</li>
 *   <li>{@code IntOrString} is written as a Go struct: replaced by integer-or-string;</li>
 *   <li>{@code Quantity} is written as a Go struct: replaced by the API's quantity syntax (a string such as
 *       {@code 500m} or {@code 1Gi}, or a number);</li>
 *   <li>{@code "required": true} (draft 3) marks every property named apiVersion or kind, also in references
 *       such as an HTTPRoute's backendRefs where the API defaults it: dropped; the top-level apiVersion and kind
 *       are required, and must be exactly the object's, by the schema built for each kind.</li>
 * </ul>
 * The files come from fabric8 6.13 (2024), the last line that ships them (7.x, which the rest of the build uses,
 * generates its model from the API's OpenAPI documents and dropped them); every API version the chart renders
 * (v1, apps/v1, policy/v1, autoscaling/v2, networking.k8s.io/v1, gateway.networking.k8s.io/v1,
 * monitoring.coreos.com/v1) is in them, and an object of a version they lack is reported, not passed.
 */
final class KubernetesSchema {

    private static final List<String> MODULES =
            List.of("core", "apps", "policy", "autoscaling", "networking", "gatewayapi", "monitoring");
    private static final String QUANTITY =
            "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPE])?$";

    private final ObjectNode definitions = JsonNodeFactory.instance.objectNode();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<String, JsonSchema> byKind = new ConcurrentHashMap<>();

    private static KubernetesSchema instance;

    static synchronized KubernetesSchema load() {
        if (instance == null) {
            instance = new KubernetesSchema(Path.of(System.getProperty("mooring.k8s.schemas", "target/k8s-schemas")));
        }
        return instance;
    }

    private KubernetesSchema(Path dir) {
        for (String module : MODULES) {
            Path file = dir.resolve(module).resolve("schema/validation-schema.json");
            try {
                JsonNode schema = Chart.JSON.readTree(Files.readString(file));
                schema.path("definitions").fields().forEachRemaining(e -> {
                    if (!definitions.has(e.getKey())) {
                        definitions.set(e.getKey(), e.getValue());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Missing " + file + ": the build unpacks it (generate-test-resources)", e);
            }
        }
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            ObjectNode definition = (ObjectNode) definitions.get(name);
            String javaType = definition.path("javaType").asText(definition.path("existingJavaType").asText(""));
            if (name.endsWith("IntOrString") || javaType.endsWith(".IntOrString")) {
                definitions.set(name, intOrString());
            } else if (name.endsWith("_Quantity") || javaType.endsWith(".Quantity")) {
                definitions.set(name, quantity());
            } else {
                strict(definition);
            }
        }
    }

    /** What the API server would refuse in this object; empty when it is valid. */
    List<String> violations(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonSchema schema = byKind.computeIfAbsent(apiVersion + " " + kind, k -> schemaOf(apiVersion, kind));
        if (schema == null) {
            return List.of("no schema for " + apiVersion + " " + kind);
        }
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            messages.add(Chart.id(object) + ": " + message.getMessage());
        }
        return messages;
    }

    private JsonSchema schemaOf(String apiVersion, String kind) {
        String definition = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode properties = entry.getValue().path("properties");
            if (apiVersion.equals(properties.path("apiVersion").path("default").asText())
                    && kind.equals(properties.path("kind").path("default").asText())) {
                definition = entry.getKey();
                break;
            }
        }
        if (definition == null) {
            return null;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "http://json-schema.org/draft-04/schema#");
        root.set("definitions", definitions);
        root.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition);
        ObjectNode properties = root.putObject("properties");
        properties.putObject("apiVersion").putArray("enum").add(apiVersion);
        properties.putObject("kind").putArray("enum").add(kind);
        ObjectNode metadata = properties.putObject("metadata");
        metadata.putArray("required").add("name");
        root.putArray("required").add("apiVersion").add("kind").add("metadata");
        return factory.getSchema(root);
    }

    /** Closes every object type to unknown fields and drops the draft-3 property flags. */
    private static void strict(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(KubernetesSchema::strict);
            return;
        }
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        Stream.of("javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "javaName", "$module")
                .forEach(schema::remove);
        JsonNode properties = schema.get("properties");
        if (properties instanceof ObjectNode props && !props.isEmpty()) {
            props.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode property && property.path("required").isBoolean()) {
                    property.remove("required");
                }
                strict(e.getValue());
            });
            if (!schema.has("additionalProperties") || schema.get("additionalProperties").isBoolean()) {
                schema.put("additionalProperties", false);
            }
        } else if (schema.get("additionalProperties") instanceof ObjectNode values) {
            strict(values);
        }
        if (schema.get("items") != null) {
            strict(schema.get("items"));
        }
    }

    private static ObjectNode intOrString() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.putArray("type").add("integer").add("string");
        return schema;
    }

    private static ObjectNode quantity() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        ArrayNode oneOf = schema.putArray("anyOf");
        oneOf.addObject().put("type", "number");
        oneOf.addObject().put("type", "string").put("pattern", QUANTITY);
        return schema;
    }
}
