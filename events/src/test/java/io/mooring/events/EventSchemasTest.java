package io.mooring.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.AllocationTable;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Resources;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.InventoryReported;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema files are what integrators read: they must say exactly what the records serialise to.
 * Run with {@code -Dmooring.schemas.write=true} to regenerate them after changing a payload.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final JsonSchemaGenerator generator = new JsonSchemaGenerator();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaFileDescribesThePayloadRecord(EventType type) throws IOException {
        JsonNode expected = JSON.valueToTree(generator.schemaFor(type));
        if (Boolean.getBoolean("mooring.schemas.write")) {
            Path file = Path.of("src/main/resources", type.schemaResource());
            Files.writeString(file, JSON.writeValueAsString(expected) + "\n");
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema file %s", type.schemaResource()).isNotNull();
            assertThat(JSON.readTree(in)).isEqualTo(expected);
        }
    }

    @Test
    void everyEventTypeHasItsOwnTypeAndAKnownTopic() {
        Set<String> types = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertThat(types.add(type.type())).as("duplicate type %s", type.type()).isTrue();
            assertThat(type.type()).matches("io\\.mooring\\.[a-z]+\\.[a-z-]+\\.v\\d+");
            assertThat(type.topic()).isIn(Topics.CLUSTER_LIFECYCLE, Topics.CLUSTER_HEALTH,
                    Topics.CLUSTER_INVENTORY, Topics.ADDON_DEPLOYMENTS, Topics.CLUSTER_COST);
            assertThat(EventType.ofType(type.type())).contains(type);
        }
    }

    @Test
    void payloadSerialisesToExactlyTheSchemaProperties() throws IOException {
        UUID id = UUID.randomUUID();
        ClusterImported imported = new ClusterImported(id, "payments", "prod-eu", "eks", Modes.READ_ONLY,
                Map.of("env", "prod"), "alice", Instant.parse("2026-11-25T10:00:00Z"));
        JsonNode json = JSON.valueToTree(imported);
        JsonNode schema = JSON.valueToTree(generator.schemaFor(EventType.of(imported)));
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        Set<String> properties = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(fields).isEqualTo(properties);
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(JSON.treeToValue(json, ClusterImported.class)).isEqualTo(imported);
    }

    @Test
    void inventoryRoundTripsThroughJson() throws IOException {
        Inventory inventory = new Inventory("v1.30.4", "eks", "eks", List.of(), List.of(), List.of(),
                List.of(new Allocation("node-a", "shop", "Deployment", "web", 2, new Resources(500, 1 << 30, 0, 2), null),
                        new Allocation("node-b", "shop", "Deployment", "web", 1, new Resources(250, 1 << 29, 0, 1),
                                new Resources(120, 1 << 28, 0, 1))),
                null, List.of(), List.of(), false);
        InventoryReported event = new InventoryReported(UUID.randomUUID(), "p", "eks", UUID.randomUUID(),
                Instant.parse("2026-11-25T10:00:00Z"), inventory, Instant.parse("2026-11-25T10:00:01Z"));
        JsonNode tree = JSON.valueToTree(event);
        assertThat(tree.at("/inventory/allocationTable/rows/1").size()).isEqualTo(AllocationTable.WITH_USAGE);
        assertThat(tree.at("/inventory").has("allocations")).isFalse();
        InventoryReported read = JSON.treeToValue(tree, InventoryReported.class);
        assertThat(read).isEqualTo(event);
        assertThat(read.inventory().allocations()).isEqualTo(inventory.allocations());
        assertThat(Resources.NONE.cpuMillis()).isZero();
    }
}
