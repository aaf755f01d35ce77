package io.mooring.notification.service;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A webhook endpoint. Its signing secret is only ever shown in the answer that created it or"
        + " rotated it.")
public record EndpointView(UUID id, String project, String name, String url,
        @Schema(enumeration = {"cloudevents", "slack", "teams"}) String format,
        boolean enabled,
        @Schema(nullable = true, description = "Why it was disabled.") String disabledReason,
        @Schema(nullable = true) Instant disabledAt,
        @Schema(description = "Failed attempts in a row; the endpoint is disabled when they reach the installation's"
                + " limit.") int consecutiveFailures,
        String createdBy, Instant createdAt,
        @Schema(nullable = true, description = "The signing secret (whsec_...): present only when the endpoint was"
                + " just created or its secret rotated.") String secret,
        @Schema(nullable = true, description = "While a rotation's grace period runs: when the secret it replaced"
                + " stops signing deliveries (until then they carry both signatures). Null otherwise.")
        Instant previousSecretExpiresAt) {
}
