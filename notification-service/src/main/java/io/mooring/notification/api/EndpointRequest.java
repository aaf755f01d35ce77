package io.mooring.notification.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A webhook endpoint to create.")
public record EndpointRequest(
        @Schema(description = "The project whose alerts it receives; the caller must be a member.", examples = "payments")
        @NotBlank @Size(max = 63) String project,
        @Schema(description = "Unique within the project.", examples = "on-call")
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "An https URL whose host resolves to public addresses (unless the installation allows"
                + " others).", examples = "https://hooks.example.com/mooring")
        @NotBlank @Size(max = 2048) String url,
        @Schema(description = "The body sent: a structured CloudEvent (default), or a Slack or Microsoft Teams"
                + " incoming-webhook message.", enumeration = {"cloudevents", "slack", "teams"})
        @Pattern(regexp = "cloudevents|slack|teams", message = "must be one of cloudevents, slack, teams") String format) {
}
