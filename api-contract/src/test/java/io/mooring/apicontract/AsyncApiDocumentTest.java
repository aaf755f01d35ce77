package io.mooring.apicontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed docs/api/asyncapi/mooring.yaml is what {@link AsyncApiDocument} derives from the events module, it is
 * a valid AsyncAPI 3.0 document, and it declares every event type on its topic with the payload schema integrators
 * read in the events module.
 */
class AsyncApiDocumentTest {

    private static final Path COMMITTED = Path.of("..").resolve(AsyncApiDocument.FILE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedDocumentIsWhatTheGeneratorDerivesFromTheEventsModule() throws IOException {
        String generated = AsyncApiDocument.render();
        if (Boolean.getBoolean(AsyncApiDocument.WRITE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("the AsyncAPI document; generate it with " + AsyncApiDocument.REGENERATE).exists();
        assertThat(Files.readString(COMMITTED))
                .as("%s is not what the events module says (an event type, topic, header or payload changed);"
                        + " regenerate with %s", COMMITTED, AsyncApiDocument.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void theDocumentIsValidAgainstTheAsyncApi3Schema() throws IOException {
        JsonNode specification;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/3.0.0-without-id.json")) {
            specification = JSON.readTree(in);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(specification);
        Set<ValidationMessage> problems = schema.validate(AsyncApiDocument.read(COMMITTED));
        assertThat(problems.stream().map(ValidationMessage::getMessage).toList()).isEmpty();
    }

    @Test
    void theAsyncApi3SchemaCatchesAnInvalidDocument() throws IOException {
        JsonNode specification;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/3.0.0-without-id.json")) {
            specification = JSON.readTree(in);
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(specification);
        var broken = AsyncApiDocument.generate();
        broken.withObject("/operations").withObject("/publish." + Topics.CLUSTER_HEALTH).put("action", "publish");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsAMessageOfItsTopicWithItsTypeHeaderAndPayloadSchema(EventType type) throws IOException {
        JsonNode document = AsyncApiDocument.generate();
        JsonNode channel = document.path("channels").path(type.topic());
        assertThat(channel.path("address").asText()).isEqualTo(type.topic());
        assertThat(channel.path("messages").path(type.type()).path("$ref").asText())
                .isEqualTo("#/components/messages/" + type.type());
        JsonNode message = document.at("/components/messages").path(type.type());
        assertThat(message.path("name").asText()).isEqualTo(type.payloadClass().getSimpleName());
        JsonNode headers = document.at("/components/schemas").path(type.type() + AsyncApiDocument.HEADERS_SUFFIX);
        assertThat(headers.at("/properties/ce_type/const").asText()).isEqualTo(type.type());
        assertThat(message.at("/bindings/kafka/key/format").asText()).isEqualTo("uuid");

        JsonNode source;
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            source = JSON.readTree(in);
        }
        JsonNode payload = document.at("/components/schemas").path(type.type());
        assertThat(names(payload.path("properties"))).isEqualTo(names(source.path("properties")));
        assertThat(payload.path("required")).isEqualTo(source.path("required"));
        source.path("$defs").fieldNames().forEachRemaining(def -> assertThat(
                document.at("/components/schemas").has(def)).as("definition %s lifted into components", def).isTrue());
        assertThat(refs(document)).as("every reference resolves inside the document")
                .allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void everyTopicIsAChannelAndEveryOperationSendsTheMessagesOfItsChannel() {
        JsonNode document = AsyncApiDocument.generate();
        assertThat(names(document.path("channels"))).contains(Topics.CLUSTER_LIFECYCLE, Topics.CLUSTER_HEALTH,
                Topics.CLUSTER_INVENTORY, Topics.ADDON_DEPLOYMENTS)
                .containsAll(java.util.Arrays.stream(EventType.values()).map(EventType::topic).toList())
                .hasSameSizeAs(document.path("operations"));
        document.path("operations").forEach(operation -> {
            assertThat(operation.path("action").asText()).isEqualTo("send");
            String channel = operation.at("/channel/$ref").asText();
            List<String> messages = new ArrayList<>();
            operation.path("messages").forEach(m -> messages.add(m.path("$ref").asText()));
            assertThat(messages).allMatch(ref -> ref.startsWith(channel + "/messages/"));
        });
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> refs(JsonNode node) {
        List<JsonNode> all = node.findValues("$ref");
        return all.stream().map(JsonNode::asText).collect(Collectors.toSet());
    }
}
