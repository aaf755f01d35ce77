package io.mooring.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes an OpenAPI v2 document as the protobuf kubectl asks for at {@code /openapi/v2}
 * ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}, the {@code openapi.v2.Document} message of
 * Google's gnostic): client-go decodes only this form. Covers what {@link OpenApiDocument} writes: the document's
 * swagger version, info and definitions, and of a schema {@code $ref}, format, description, type, items,
 * properties, additionalProperties and the {@code x-} vendor extensions (as YAML, which JSON is).
 */
final class OpenApiProtobuf {

    private static final int LENGTH_DELIMITED = 2;
    private static final int VARINT = 0;

    private OpenApiProtobuf() {
    }

    static byte[] encode(JsonNode document) {
        Message out = new Message();
        out.string(1, document.path("swagger").asText("2.0"));
        Message info = new Message();
        info.string(1, document.path("info").path("title").asText());
        info.string(2, document.path("info").path("version").asText());
        out.message(2, info);
        out.message(8, new Message());
        Message definitions = new Message();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("definitions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            definitions.message(1, named(entry.getKey(), schema(entry.getValue())));
        }
        out.message(9, definitions);
        return out.bytes();
    }

    private static Message named(String name, Message value) {
        Message named = new Message();
        named.string(1, name);
        named.message(2, value);
        return named;
    }

    private static Message schema(JsonNode schema) {
        Message out = new Message();
        if (schema.has("$ref")) {
            out.string(1, schema.get("$ref").asText());
        }
        if (schema.has("format")) {
            out.string(2, schema.get("format").asText());
        }
        if (schema.has("description")) {
            out.string(4, schema.get("description").asText());
        }
        for (JsonNode required : schema.path("required")) {
            out.string(19, required.asText());
        }
        if (schema.has("additionalProperties")) {
            JsonNode additional = schema.get("additionalProperties");
            Message item = new Message();
            if (additional.isBoolean()) {
                item.bool(2, additional.asBoolean());
            } else {
                item.message(1, schema(additional));
            }
            out.message(21, item);
        }
        if (schema.has("type")) {
            Message type = new Message();
            type.string(1, schema.get("type").asText());
            out.message(22, type);
        }
        if (schema.has("items")) {
            Message items = new Message();
            items.message(1, schema(schema.get("items")));
            out.message(23, items);
        }
        if (schema.has("properties")) {
            Message properties = new Message();
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                properties.message(1, named(entry.getKey(), schema(entry.getValue())));
            }
            out.message(25, properties);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("x-")) {
                Message any = new Message();
                any.string(2, entry.getValue().toString() + "\n");
                Message namedAny = new Message();
                namedAny.string(1, entry.getKey());
                namedAny.message(2, any);
                out.message(31, namedAny);
            }
        }
        return out;
    }

    /** A protobuf message being written: fields in order, nested messages length-delimited. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(int field, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            tag(field, LENGTH_DELIMITED);
            varint(bytes.length);
            out.writeBytes(bytes);
        }

        void bool(int field, boolean value) {
            tag(field, VARINT);
            varint(value ? 1 : 0);
        }

        void message(int field, Message message) {
            byte[] bytes = message.bytes();
            tag(field, LENGTH_DELIMITED);
            varint(bytes.length);
            out.writeBytes(bytes);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            varint((long) field << 3 | wireType);
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
