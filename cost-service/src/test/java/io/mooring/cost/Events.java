package io.mooring.cost;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.InventoryReported;
import io.mooring.testsupport.EventPublisher;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The events cost-service consumes, published as the registry and health-service would (test-support's publisher). */
public final class Events {

    private Events() {
    }

    public static UUID imported(UUID cluster, String project, String name, String cloudType) {
        return send(UUID.randomUUID(), new ClusterImported(cluster, project, name, cloudType, "read-only", Map.of(),
                "test", Instant.now()));
    }

    public static UUID deleted(UUID cluster, String project, Instant at) {
        return send(UUID.randomUUID(), new ClusterDeleted(cluster, project, false, "test", at));
    }

    public static InventoryReported inventoryReported(UUID cluster, String project, String cloudType,
            Instant observedAt, Inventory inventory) {
        return new InventoryReported(cluster, project, cloudType, UUID.randomUUID(), observedAt, inventory,
                observedAt);
    }

    public static UUID inventory(UUID cluster, String project, String cloudType, Instant observedAt,
            Inventory inventory) {
        return send(UUID.randomUUID(), inventoryReported(cluster, project, cloudType, observedAt, inventory));
    }

    /** Sends {@code payload} as the CloudEvent {@code eventId}; sending the same id twice is a redelivery. */
    public static UUID send(UUID eventId, MooringEvent payload) {
        String source = EventType.of(payload) == EventType.INVENTORY_REPORTED ? "health-service" : "registry-service";
        return EventPublisher.publish(payload, eventId, source);
    }
}
