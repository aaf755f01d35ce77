package io.mooring.events.addons;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The state of one layer as the agent last saw it. {@code generation} is the {@link DesiredProfile#generation()}
 * the agent worked from; {@code message} is required for {@link LayerState#FAILED} and optional otherwise.
 */
public record LayerStatusUpdate(
        @NotNull UUID attachmentId,
        @Positive long generation,
        @NotBlank @Size(max = 63) String layer,
        @NotNull LayerState status,
        @Size(max = 4000) String message) {
}
