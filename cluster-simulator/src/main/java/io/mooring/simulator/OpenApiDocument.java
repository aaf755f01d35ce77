package io.mooring.simulator;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.simulator.ProviderProfile.ApiResourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI v2 document of the simulated API server, at {@code /openapi/v2}: kubectl fetches it (as protobuf,
 * see {@link OpenApiProtobuf}) to validate what it applies and to find the merge keys of a strategic merge patch.
 *
 * <p>fabric8's model ships no schema, so the definitions are derived from its model classes, which are generated
 * from the Kubernetes API's own OpenAPI document: one definition per class, a property per JSON property, with the
 * types the API uses for quantities ({@code string}) and int-or-string values. Every kind the simulated cluster
 * serves (discovery) that fabric8 has a class for carries {@code x-kubernetes-group-version-kind}, which is how
 * kubectl finds the schema of what it applies; unknown fields are therefore refused, as by a real server. The
 * strategic-merge keys of the lists that have one (containers by name, ...) come from {@link StrategicMergePatch}.
 * Not modelled: {@code required} (fabric8 does not keep it) and the paths (kubectl needs none of them to apply).
 */
final class OpenApiDocument {

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode definitions = NODES.objectNode();
    private final ObjectNode document = NODES.objectNode();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    OpenApiDocument(ApiDiscovery discovery, String gitVersion) {
        Map<String, Class<? extends HasMetadata>> classes = ModelClasses.all();
        discovery.resources().forEach((groupVersion, resources) -> {
            for (ApiResourceSpec resource : resources) {
                Class<?> type = classes.get(groupVersion + "#" + resource.kind());
                if (type == null) {
                    continue;
                }
                ObjectNode definition = (ObjectNode) definitions.get(reference(MAPPER.constructType(type)));
                ArrayNode gvks = definition.withArray("x-kubernetes-group-version-kind");
                int slash = groupVersion.indexOf('/');
                ObjectNode gvk = gvks.addObject();
                gvk.put("group", slash < 0 ? "" : groupVersion.substring(0, slash));
                gvk.put("kind", resource.kind());
                gvk.put("version", slash < 0 ? groupVersion : groupVersion.substring(slash + 1));
            }
        });
        document.put("swagger", "2.0");
        document.putObject("info").put("title", "Kubernetes").put("version", gitVersion);
        document.putObject("paths");
        document.set("definitions", definitions);
    }

    JsonNode json() {
        return document;
    }

    /** The definition name of a class, generating its definition (and those it refers to) the first time. */
    private String reference(JavaType type) {
        Class<?> raw = type.getRawClass();
        String known = names.get(raw);
        if (known != null) {
            return known;
        }
        String name = raw.getName().replace('$', '.');
        names.put(raw, name);
        ObjectNode definition = definitions.putObject(name);
        BeanDescription bean = MAPPER.getSerializationConfig().introspect(type);
        definition.put("type", "object");
        ObjectNode properties = NODES.objectNode();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            ObjectNode schema = schema(property.getPrimaryType());
            StrategicMergePatch.mergeKey(raw, property.getName()).ifPresent(key -> {
                schema.put("x-kubernetes-patch-merge-key", key);
                schema.put("x-kubernetes-patch-strategy", "merge");
            });
            if (StrategicMergePatch.mergesPrimitives(raw, property.getName())) {
                schema.put("x-kubernetes-patch-strategy", "merge");
            }
            properties.set(property.getName(), schema);
        }
        if (!properties.isEmpty()) {
            definition.set("properties", properties);
        }
        return name;
    }

    private ObjectNode schema(JavaType type) {
        Class<?> raw = type.getRawClass();
        ObjectNode schema = NODES.objectNode();
        if (raw == String.class || raw == Character.class || raw.isEnum()) {
            return schema.put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            return schema.put("type", "integer").put("format", "int32");
        }
        if (raw == Long.class || raw == long.class) {
            return schema.put("type", "integer").put("format", "int64");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return schema.put("type", "number").put("format", "double");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return schema.put("type", "boolean");
        }
        if (raw == IntOrString.class) {
            return schema.put("type", "string").put("format", "int-or-string");
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (raw == byte[].class) {
                return schema.put("type", "string").put("format", "byte");
            }
            schema.put("type", "array");
            schema.set("items", schema(type.getContentType()));
            return schema;
        }
        if (type.isMapLikeType()) {
            schema.put("type", "object");
            JavaType values = type.getContentType();
            if (values != null && values.getRawClass() != Object.class && values.getRawClass() != JsonNode.class) {
                schema.set("additionalProperties", schema(values));
            }
            return schema;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()
                || io.fabric8.kubernetes.api.model.AnyType.class.isAssignableFrom(raw)) {
            // Anything at all (a CRD's default value, a raw extension): no type, no properties.
            return schema;
        }
        JsonSerialize custom = raw.getAnnotation(JsonSerialize.class);
        if (custom != null && custom.using() != com.fasterxml.jackson.databind.JsonSerializer.None.class) {
            // Quantity, Duration, MicroTime and the like are written as strings.
            return schema.put("type", "string");
        }
        if (!KubernetesResource.class.isAssignableFrom(raw)) {
            return schema.put("type", "string");
        }
        return schema.put("$ref", "#/definitions/" + reference(type));
    }

    /** For tests: the names of the definitions that carry a group-version-kind. */
    Set<String> kinds() {
        Set<String> kinds = new java.util.LinkedHashSet<>();
        definitions.fields().forEachRemaining(e -> e.getValue().path("x-kubernetes-group-version-kind")
                .forEach(gvk -> kinds.add(gvk.path("group").asText() + "/" + gvk.path("version").asText() + "/"
                        + gvk.path("kind").asText())));
        return kinds;
    }
}
