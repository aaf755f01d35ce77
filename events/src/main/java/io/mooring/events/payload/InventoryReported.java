package io.mooring.events.payload;

import io.mooring.events.CloudType;
import io.mooring.events.MooringEvent;
import io.mooring.events.OneOf;
import io.mooring.events.inventory.Inventory;
import java.time.Instant;
import java.util.UUID;

/**
 * A cluster's inventory as its agent observed it at {@code observedAt}; published when it changes and at
 * least hourly, for cost accrual. {@code reportId} identifies the agent report it came from.
 */
public record InventoryReported(
        UUID clusterId,
        String project,
        @OneOf(CloudType.class) String cloudType,
        UUID reportId,
        Instant observedAt,
        Inventory inventory,
        Instant occurredAt) implements MooringEvent {
}
