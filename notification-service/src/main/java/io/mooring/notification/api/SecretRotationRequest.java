package io.mooring.notification.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How a webhook's secret is rotated.")
public record SecretRotationRequest(
        @Schema(description = "ISO-8601 duration, PT0S to PT24H: how long the secret being replaced keeps signing"
                + " deliveries beside the new one. Default PT24H; PT0S drops it at once.", examples = "PT1H")
        String gracePeriod) {
}
