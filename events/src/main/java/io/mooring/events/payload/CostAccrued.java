package io.mooring.events.payload;

import io.mooring.events.MooringEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * cost-service accrued an inventory: the cluster's cost so far in the calendar month (UTC) {@code month}
 * ({@code yyyy-MM}), in the installation's {@code currency}. Each event carries the whole month-to-date amount, so
 * a consumer keeps the newest (by {@code occurredAt}, the inventory's observation time) and needs no other.
 */
public record CostAccrued(
        UUID clusterId,
        String project,
        String month,
        BigDecimal monthToDate,
        String currency,
        Instant occurredAt) implements MooringEvent {
}
