package io.mooring.apicontract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docs/api/asyncapi/mooring.yaml}: the AsyncAPI 3.0 document of every topic and event Mooring publishes, derived
 * from the {@code events} module alone ({@link Topics}, {@link EventType}, {@link CloudEventHeaders} and the payload
 * JSON Schemas), so a new event type or topic appears in it without anyone listing it here. The gateway serves it at
 * {@code /asyncapi.yaml}; the end-to-end test checks every record the services publish against it.
 */
public final class AsyncApiDocument {

    /** System property: write the document over the committed file instead of comparing. */
    public static final String WRITE = "mooring.asyncapi.write";
    public static final String REGENERATE = "./mvnw -B -o test -pl api-contract -am -Dtest=AsyncApiDocumentTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true";
    /** The committed document, from the repository root. */
    public static final Path FILE = Path.of("docs", "api", "asyncapi", "mooring.yaml");

    static final String ASYNCAPI_VERSION = "3.0.0";
    /** The Kafka bindings version whose fields (key, topic, topicConfiguration) this document uses. */
    static final String KAFKA_BINDING = "0.5.0";
    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    static final String HEADERS_SUFFIX = ".headers";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String DEFS = "#/$defs/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = ContractYaml.YAML;

    private AsyncApiDocument() {
    }

    /** Writes the document to {@code args[0]} (default {@link #FILE}, from the repository root). */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : FILE;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render());
    }

    /** The document as the text committed for it. */
    public static String render() {
        try {
            return "# Mooring's event contract (AsyncAPI 3.0), served by the gateway at GET /asyncapi.yaml. Read docs/events.md.\n"
                    + "# Generated from the events module; do not edit. Regenerate with " + REGENERATE + "\n"
                    + YAML.writeValueAsString(generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path document) {
        return ContractYaml.read(document);
    }

    /** The document: one channel per topic, one message per event type, the payload schemas as components. */
    public static ObjectNode generate() {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", ASYNCAPI_VERSION);
        document.put("id", "urn:io.mooring:events");
        ObjectNode info = document.putObject("info");
        info.put("title", "Mooring events");
        // The document's own version; each event type carries its version in its CloudEvents type (.v1).
        info.put("version", "1.0.0");
        info.put("description", """
                Every event Mooring publishes to Kafka, as CloudEvents 1.0 in binary content mode: the CloudEvents \
                attributes travel as ce_-prefixed record headers, the record value is the JSON payload. \
                Ordering: every record is keyed by its cluster id (also the CloudEvent subject), so one cluster's \
                events on a topic arrive in the order they happened; there is no order across clusters or topics. \
                Delivery: at least once (a transactional outbox publishes after the change commits and retries until \
                Kafka acknowledges), so a consumer may see an event twice and must deduplicate by ce_id. \
                Retention: the topics keep what the broker is configured with (Kafka's default is 7 days); they are \
                never compacted. How to subscribe: docs/events.md.""");
        document.put("defaultContentType", CloudEventHeaders.JSON);
        document.set("servers", servers());

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");

        for (String topic : topics()) {
            List<EventType> types = Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic))
                    .toList();
            ObjectNode channel = channels.putObject(topic);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", "Keyed by cluster id. Carries " + (types.isEmpty() ? "no event yet"
                    : String.join(", ", types.stream().map(EventType::type).toList())) + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic);
            // Compaction would keep one record per cluster and lose the history consumers replay.
            kafka.putObject("topicConfiguration").putArray("cleanup.policy").add("delete");
            kafka.put("bindingVersion", KAFKA_BINDING);

            ObjectNode operation = operations.putObject("publish." + topic);
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + topic);
            operation.put("summary", "Mooring's services publish to " + topic + "; integrations subscribe to it.");
            ArrayNode operationMessages = operation.putArray("messages");

            for (EventType type : types) {
                channelMessages.putObject(type.type()).put("$ref", "#/components/messages/" + type.type());
                operationMessages.addObject().put("$ref", "#/channels/" + topic + "/messages/" + type.type());
                messages.set(type.type(), message(type));
                schemas.set(type.type() + HEADERS_SUFFIX, headers(type));
                addPayload(type, schemas);
            }
        }
        return document;
    }

    /** The topic names: every constant of {@link Topics}, then any topic an event type names that is not one. */
    static List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
                    && field.getType() == String.class) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        for (EventType type : EventType.values()) {
            topics.add(type.topic());
        }
        return new ArrayList<>(topics);
    }

    /** Where the topics live: the installation's own brokers, or bin/local-stack's. */
    private static ObjectNode servers() {
        ObjectNode servers = NODES.objectNode();
        ObjectNode broker = servers.putObject("production");
        broker.put("host", "{bootstrapServers}");
        broker.put("protocol", "kafka");
        broker.put("description", "The Kafka cluster the installation runs on: the services' KAFKA_BOOTSTRAP_SERVERS"
                + " (the chart's kafka.bootstrapServers), with the security protocol and SASL settings it names.");
        ObjectNode variable = broker.putObject("variables").putObject("bootstrapServers");
        variable.put("default", "kafka:9092");
        variable.put("description", "host:port of a bootstrap broker (kafka:9092 in docker/compose.yaml)");
        broker.putObject("bindings").putObject("kafka").put("bindingVersion", KAFKA_BINDING);
        ObjectNode local = servers.putObject("local-stack");
        local.put("host", "127.0.0.1:19092");
        local.put("protocol", "kafka");
        local.put("description", "The broker bin/local-stack starts (--kafka-port, 19092 by default); PLAINTEXT.");
        local.putObject("bindings").putObject("kafka").put("bindingVersion", KAFKA_BINDING);
        return servers;
    }

    private static ObjectNode message(EventType type) {
        ObjectNode message = NODES.objectNode();
        String name = type.payloadClass().getSimpleName();
        message.put("name", name);
        message.put("title", name);
        message.put("summary", "CloudEvent " + type.type() + " on " + type.topic() + ", keyed by cluster id.");
        message.put("contentType", CloudEventHeaders.JSON);
        message.putObject("headers").put("$ref", SCHEMAS + type.type() + HEADERS_SUFFIX);
        message.putObject("payload").put("$ref", SCHEMAS + type.type());
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("format", "uuid");
        key.put("pattern", UUID_PATTERN);
        key.put("description", "The cluster id: every event of one cluster lands on one partition, in order.");
        kafka.put("bindingVersion", KAFKA_BINDING);
        return message;
    }

    /** The record headers the outbox relay writes: the CloudEvents Kafka binding, binary mode. */
    private static ObjectNode headers(EventType type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "Kafka record headers (UTF-8 text): the CloudEvents attributes of "
                + type.type() + ".");
        ObjectNode properties = schema.putObject("properties");
        constant(properties, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                "CloudEvents specification version.");
        text(properties, CloudEventHeaders.ID, "The event id, unique per event: consumers deduplicate by it.")
                .put("format", "uuid").put("pattern", UUID_PATTERN);
        text(properties, CloudEventHeaders.SOURCE, "The publishing service (registry-service, health-service, ...).")
                .put("minLength", 1);
        constant(properties, CloudEventHeaders.TYPE, type.type(), "The event type: tells which payload follows.");
        text(properties, CloudEventHeaders.SUBJECT, "The cluster id, as the record key.")
                .put("format", "uuid").put("pattern", UUID_PATTERN);
        text(properties, CloudEventHeaders.TIME, "When the change happened (RFC 3339, UTC).")
                .put("format", "date-time");
        constant(properties, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON,
                "The CloudEvents datacontenttype of the record value.");
        text(properties, CloudEventHeaders.TRACE_PARENT, "Distributed-tracing extension: the W3C traceparent of the"
                + " change that produced the event. Absent when the producer was not tracing.")
                .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
        text(properties, CloudEventHeaders.TRACE_STATE, "Distributed-tracing extension: the W3C tracestate, when"
                + " there is one.");
        ArrayNode required = schema.putArray("required");
        for (String name : List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME,
                CloudEventHeaders.CONTENT_TYPE)) {
            required.add(name);
        }
        return schema;
    }

    private static ObjectNode text(ObjectNode properties, String name, String description) {
        ObjectNode property = properties.putObject(name);
        property.put("type", "string");
        property.put("description", description);
        return property;
    }

    private static void constant(ObjectNode properties, String name, String value, String description) {
        text(properties, name, description).put("const", value);
    }

    /**
     * The payload schema of the events module, as a component: its {@code $defs} become components of their own (one
     * definition per record type, shared by every payload that uses it) and its references point at them.
     */
    private static void addPayload(EventType type, ObjectNode schemas) {
        ObjectNode schema = (ObjectNode) schemaResource(type);
        schema.remove("$schema");
        schema.remove("$id");
        JsonNode defs = schema.remove("$defs");
        retarget(schema);
        schemas.set(type.type(), schema);
        if (defs != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> def = it.next();
                JsonNode definition = retarget(def.getValue().deepCopy());
                JsonNode earlier = schemas.get(def.getKey());
                if (earlier != null && !earlier.equals(definition)) {
                    throw new IllegalStateException("Two payloads define " + def.getKey() + " differently; the"
                            + " second is " + type.type());
                }
                schemas.set(def.getKey(), definition);
            }
        }
    }

    private static JsonNode schemaResource(EventType type) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException(type.schemaResource() + " is missing from the events module");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode retarget(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(DEFS)) {
                object.set("$ref", new TextNode(SCHEMAS + ref.asText().substring(DEFS.length())));
            }
        }
        node.forEach(AsyncApiDocument::retarget);
        return node;
    }
}
