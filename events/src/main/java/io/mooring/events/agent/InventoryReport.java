package io.mooring.events.agent;

import io.mooring.events.inventory.Inventory;
import java.time.Instant;
import java.util.UUID;

/** The whole inventory, sent when it changes and at least every 10 minutes. */
public record InventoryReport(UUID reportId, Instant observedAt, Inventory inventory) {
}
