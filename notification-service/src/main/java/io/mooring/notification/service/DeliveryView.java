package io.mooring.notification.service;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One alert's delivery to an endpoint.")
public record DeliveryView(long id,
        @Schema(description = "The CloudEvent id, sent as webhook-id: the same on every attempt and redelivery.")
        UUID eventId, String eventType, @Schema(nullable = true) UUID ruleId,
        @Schema(enumeration = {"pending", "delivered", "failed"}) String status,
        int attempts, int redeliveries, Instant nextAttemptAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true) Integer lastStatusCode,
        @Schema(nullable = true) String lastError,
        @Schema(nullable = true, description = "Of the last attempt, in milliseconds.") Long latencyMs,
        Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt) {
}
