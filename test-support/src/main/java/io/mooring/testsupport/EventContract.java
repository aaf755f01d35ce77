package io.mooring.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mooring.events.CloudEventHeaders;
import io.mooring.testsupport.openapi.SchemaCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The event contract as published, {@code docs/api/asyncapi/mooring.yaml}, applied to records read from the broker:
 * the record's topic must be a channel, its {@code ce_type} a message of that channel, and its headers, key and value
 * what that message declares. Payload objects admit no property the document does not name, so a field added to a
 * payload without regenerating the document is caught here too.
 */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaCheck schemas;

    private EventContract(JsonNode document) {
        this.document = document;
        this.schemas = new SchemaCheck(document.path("components"), true);
    }

    /** The committed document, read from a module directory of the repository. */
    public static EventContract committed() {
        return of(Path.of("..", "docs", "api", "asyncapi", "mooring.yaml"));
    }

    public static EventContract of(Path document) {
        try {
            return new EventContract(new YAMLMapper().readTree(document.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topics the document declares (each channel's address). */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        document.path("channels").forEach(channel -> topics.add(channel.path("address").asText()));
        return topics;
    }

    /** What is wrong with a record as the document declares it, one message each; empty when it matches. */
    public List<String> violations(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return violations(record.topic(), record.key(), headers, record.value());
    }

    public List<String> violations(String topic, String key, Map<String, String> headers, String value) {
        List<String> violations = new ArrayList<>();
        JsonNode channel = channel(topic);
        if (channel == null) {
            return List.of("topic " + topic + " is no channel of the AsyncAPI document");
        }
        String type = headers.get(CloudEventHeaders.TYPE);
        JsonNode message = null;
        for (JsonNode candidate : channel.path("messages")) {
            JsonNode resolved = resolve(candidate);
            if (resolve(resolved.path("headers")).at("/properties/" + CloudEventHeaders.TYPE + "/const").asText()
                    .equals(type)) {
                message = resolved;
            }
        }
        if (message == null) {
            return List.of("ce_type " + type + " is no message of channel " + topic);
        }
        String what = type + " on " + topic + ": ";
        ObjectNode headerValues = JSON.createObjectNode();
        headers.forEach((name, text) -> headerValues.set(name, text == null ? null : new TextNode(text)));
        schemas.validate(message.path("headers"), headerValues)
                .forEach(problem -> violations.add(what + "headers " + problem));
        JsonNode keySchema = message.at("/bindings/kafka/key");
        if (!keySchema.isMissingNode()) {
            schemas.validate(keySchema, key == null ? JSON.nullNode() : new TextNode(key))
                    .forEach(problem -> violations.add(what + "key " + problem));
        }
        try {
            JsonNode payload = JSON.readTree(value == null ? "null" : value);
            schemas.validate(message.path("payload"), payload)
                    .forEach(problem -> violations.add(what + "payload " + problem));
        } catch (IOException e) {
            violations.add(what + "the value is not JSON: " + e.getMessage());
        }
        return violations;
    }

    private JsonNode channel(String topic) {
        for (JsonNode channel : document.path("channels")) {
            if (channel.path("address").asText().equals(topic)) {
                return channel;
            }
        }
        return null;
    }

    /** Follows a local {@code $ref} (one level: the document's references point at definitions, not at references). */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }
}
