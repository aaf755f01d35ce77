package io.mooring.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Derives a JSON Schema (draft 2020-12) from a payload record, so that the schema files integrators read
 * can be checked against the records the services actually serialise.
 */
final class JsonSchemaGenerator {

    Map<String, Object> schemaFor(EventType type) {
        Map<String, Object> defs = new LinkedHashMap<>();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://mooring.io/schemas/" + type.type() + ".json");
        root.put("title", type.payloadClass().getSimpleName());
        root.put("description", "Data of CloudEvents type " + type.type() + " on topic " + type.topic()
                + "; the record key and the CloudEvent subject are the cluster id.");
        root.putAll(objectSchema(type.payloadClass(), defs));
        if (!defs.isEmpty()) {
            root.put("$defs", defs);
        }
        return root;
    }

    private Map<String, Object> objectSchema(Class<?> record, Map<String, Object> defs) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Map<String, Object> property = typeSchema(component.getGenericType(), defs);
            OneOf vocabulary = component.getAnnotation(OneOf.class);
            if (vocabulary != null) {
                List<Object> values = new ArrayList<>();
                for (Enum<?> constant : vocabulary.value().getEnumConstants()) {
                    values.add(((WireValue) constant).wire());
                }
                values.add(null);
                property.put("enum", values);
            }
            properties.put(component.getName(), property);
        }
        schema.put("properties", properties);
        schema.put("required", List.copyOf(properties.keySet()));
        return schema;
    }

    private Map<String, Object> typeSchema(Type type, Map<String, Object> defs) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.put("items", typeSchema(arguments[0], defs));
                return schema;
            }
            if (Map.class.isAssignableFrom(raw)) {
                schema.put("type", List.of("object", "null"));
                schema.put("additionalProperties", typeSchema(arguments[1], defs));
                return schema;
            }
            throw new IllegalArgumentException("Unsupported generic type " + type);
        }
        Class<?> clazz = (Class<?>) type;
        if (clazz == String.class) {
            schema.put("type", List.of("string", "null"));
        } else if (clazz == UUID.class) {
            schema.put("type", List.of("string", "null"));
            schema.put("format", "uuid");
        } else if (clazz == Instant.class) {
            schema.put("type", List.of("string", "null"));
            schema.put("format", "date-time");
        } else if (clazz == long[].class) {
            schema.put("type", "array");
            schema.put("items", Map.of("type", "integer"));
        } else if (clazz == long.class || clazz == int.class) {
            schema.put("type", "integer");
        } else if (clazz == Long.class || clazz == Integer.class) {
            schema.put("type", List.of("integer", "null"));
        } else if (clazz == boolean.class) {
            schema.put("type", "boolean");
        } else if (clazz == double.class) {
            schema.put("type", "number");
        } else if (clazz == java.math.BigDecimal.class) {
            // Amounts of money: Jackson writes a BigDecimal as an exact JSON number.
            schema.put("type", List.of("number", "null"));
        } else if (clazz.isRecord()) {
            String name = clazz.getSimpleName();
            if (!defs.containsKey(name)) {
                defs.put(name, Map.of());
                defs.put(name, objectSchema(clazz, defs));
            }
            schema.put("$ref", "#/$defs/" + name);
        } else {
            throw new IllegalArgumentException("Unsupported type " + clazz);
        }
        return schema;
    }
}
