package io.mooring.simulator;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two patches {@code kubectl apply} (client-side) and {@code kubectl patch} send, applied as the API server
 * applies them: JSON merge patch (RFC 7386) and Kubernetes' strategic merge patch. A strategic merge patch merges
 * the lists that have a merge key element by element (containers by name, env by name, volume mounts by mount path,
 * ...) instead of replacing them, and understands its directives: {@code $patch: replace|delete|merge},
 * {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}. The merge keys
 * are those of the Kubernetes API types (the {@code patchMergeKey} tags of its Go structs) for the lists kubectl's
 * manifests use; the types come from fabric8's model classes. A kind without a model class (a custom resource) is
 * patched as a JSON merge patch, as the API server does.
 */
final class StrategicMergePatch {

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    /** owner class simple name + "." + JSON property -> the merge key of its list elements. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("PodSpec.containers", "name"),
            Map.entry("PodSpec.initContainers", "name"),
            Map.entry("PodSpec.ephemeralContainers", "name"),
            Map.entry("PodSpec.volumes", "name"),
            Map.entry("PodSpec.imagePullSecrets", "name"),
            Map.entry("PodSpec.hostAliases", "ip"),
            Map.entry("PodSpec.topologySpreadConstraints", "topologyKey"),
            Map.entry("PodSpec.resourceClaims", "name"),
            Map.entry("PodSpec.schedulingGates", "name"),
            Map.entry("Container.env", "name"),
            Map.entry("Container.ports", "containerPort"),
            Map.entry("Container.volumeMounts", "mountPath"),
            Map.entry("Container.volumeDevices", "devicePath"),
            Map.entry("Container.resizePolicy", "resourceName"),
            Map.entry("EphemeralContainer.env", "name"),
            Map.entry("EphemeralContainer.ports", "containerPort"),
            Map.entry("EphemeralContainer.volumeMounts", "mountPath"),
            Map.entry("EphemeralContainer.volumeDevices", "devicePath"),
            Map.entry("ObjectMeta.ownerReferences", "uid"),
            Map.entry("ServiceSpec.ports", "port"),
            Map.entry("ServiceAccount.secrets", "name"),
            Map.entry("PodStatus.conditions", "type"),
            Map.entry("DeploymentStatus.conditions", "type"),
            Map.entry("NodeStatus.conditions", "type"),
            Map.entry("NodeStatus.addresses", "type"));
    /** Lists of strings merged as sets. */
    private static final Set<String> PRIMITIVE_MERGE = Set.of("ObjectMeta.finalizers");

    private StrategicMergePatch() {
    }

    static Optional<String> mergeKey(Class<?> owner, String property) {
        return Optional.ofNullable(MERGE_KEYS.get(owner.getSimpleName() + "." + property));
    }

    static boolean mergesPrimitives(Class<?> owner, String property) {
        return PRIMITIVE_MERGE.contains(owner.getSimpleName() + "." + property);
    }

    /** A strategic merge patch over the object, typed by its kind's model class. */
    static ObjectNode strategic(ObjectNode current, ObjectNode patch) {
        Optional<JavaType> type = ModelClasses.of(current.path("apiVersion").asText(), current.path("kind").asText())
                .map(MAPPER::constructType);
        JsonNode result = mergeObject(current.deepCopy(), patch, type.orElse(null));
        return result instanceof ObjectNode object ? object : MAPPER.createObjectNode();
    }

    /** RFC 7386: objects merge, null deletes, everything else (lists too) replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** Returns the merged object, or null when the patch deletes it ({@code $patch: delete}). */
    private static JsonNode mergeObject(ObjectNode target, ObjectNode patch, JavaType type) {
        String directive = patch.path("$patch").asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove("$patch");
            return replaced;
        }
        List<String> retainKeys = null;
        if (patch.path("$retainKeys").isArray()) {
            retainKeys = new ArrayList<>();
            for (JsonNode key : patch.get("$retainKeys")) {
                retainKeys.add(key.asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("$patch") || name.equals("$retainKeys") || name.startsWith("$setElementOrder/")) {
                continue;
            }
            if (name.startsWith("$deleteFromPrimitiveList/")) {
                String list = name.substring("$deleteFromPrimitiveList/".length());
                if (target.path(list).isArray()) {
                    Set<JsonNode> remove = new HashSet<>();
                    value.forEach(remove::add);
                    ArrayNode kept = MAPPER.createArrayNode();
                    target.get(list).forEach(v -> {
                        if (!remove.contains(v)) {
                            kept.add(v);
                        }
                    });
                    target.set(list, kept);
                }
                continue;
            }
            if (value.isNull()) {
                target.remove(name);
                continue;
            }
            JavaType propertyType = propertyType(type, name);
            if (value.isObject()) {
                JsonNode existing = target.get(name);
                JsonNode merged = mergeObject(existing != null && existing.isObject() ? (ObjectNode) existing
                        : MAPPER.createObjectNode(), (ObjectNode) value, propertyType);
                if (merged == null) {
                    target.remove(name);
                } else {
                    target.set(name, merged);
                }
            } else if (value.isArray()) {
                target.set(name, mergeList(target.get(name), (ArrayNode) value, type, name, propertyType));
            } else {
                target.set(name, value.deepCopy());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith("$setElementOrder/")) {
                String list = field.getKey().substring("$setElementOrder/".length());
                if (target.path(list).isArray()) {
                    target.set(list, order((ArrayNode) target.get(list), (ArrayNode) field.getValue(),
                            mergeKeyOf(type, list)));
                }
            }
        }
        if (retainKeys != null) {
            target.retain(retainKeys);
        }
        return target;
    }

    private static ArrayNode mergeList(JsonNode existing, ArrayNode patch, JavaType owner, String name, JavaType listType) {
        String key = mergeKeyOf(owner, name);
        boolean primitives = owner != null && mergesPrimitives(owner.getRawClass(), name);
        ArrayNode current = existing != null && existing.isArray() ? (ArrayNode) existing.deepCopy()
                : MAPPER.createArrayNode();
        if (primitives) {
            Set<JsonNode> union = new LinkedHashSet<>();
            current.forEach(union::add);
            patch.forEach(union::add);
            ArrayNode result = MAPPER.createArrayNode();
            union.forEach(result::add);
            return result;
        }
        if (key == null) {
            // A list without a merge key is atomic, unless the patch says to replace it explicitly (same result).
            ArrayNode replaced = MAPPER.createArrayNode();
            patch.forEach(v -> {
                if (!(v.isObject() && v.has("$patch"))) {
                    replaced.add(v.deepCopy());
                }
            });
            return replaced;
        }
        JavaType elementType = listType == null ? null : listType.getContentType();
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                continue;
            }
            String directive = element.path("$patch").asText("");
            if (directive.equals("replace")) {
                ArrayNode replaced = MAPPER.createArrayNode();
                patch.forEach(v -> {
                    if (!v.path("$patch").asText("").equals("replace")) {
                        replaced.add(v.deepCopy());
                    }
                });
                return replaced;
            }
            int index = indexOf(current, key, element.get(key));
            if (directive.equals("delete")) {
                if (index >= 0) {
                    current.remove(index);
                }
                continue;
            }
            if (index >= 0) {
                JsonNode merged = mergeObject((ObjectNode) current.get(index), (ObjectNode) element, elementType);
                if (merged == null) {
                    current.remove(index);
                } else {
                    current.set(index, merged);
                }
            } else {
                JsonNode added = mergeObject(MAPPER.createObjectNode(), (ObjectNode) element, elementType);
                if (added != null) {
                    current.add(added);
                }
            }
        }
        return current;
    }

    private static ArrayNode order(ArrayNode list, ArrayNode order, String key) {
        if (key == null) {
            return list;
        }
        ArrayNode result = MAPPER.createArrayNode();
        Set<Integer> used = new HashSet<>();
        for (JsonNode wanted : order) {
            int index = indexOf(list, key, wanted.get(key));
            if (index >= 0 && used.add(index)) {
                result.add(list.get(index));
            }
        }
        for (int i = 0; i < list.size(); i++) {
            if (!used.contains(i)) {
                result.add(list.get(i));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static String mergeKeyOf(JavaType owner, String name) {
        return owner == null ? null : mergeKey(owner.getRawClass(), name).orElse(null);
    }

    /** The Java type of an object's property; for a map, the type of its values. Null when unknown. */
    private static JavaType propertyType(JavaType owner, String name) {
        if (owner == null) {
            return null;
        }
        if (owner.isMapLikeType()) {
            return owner.getContentType();
        }
        BeanDescription bean = MAPPER.getSerializationConfig().introspect(owner);
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.getName().equals(name)) {
                return property.getPrimaryType();
            }
        }
        return null;
    }
}
