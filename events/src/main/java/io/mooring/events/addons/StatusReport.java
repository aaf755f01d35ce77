package io.mooring.events.addons;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the agent reports after (re)applying: the state of any number of layers, and optionally that it has
 * pruned every {@link DesiredState#removed()} object of the desired state at {@code prunedRevision}. Sending
 * the same report again changes nothing.
 */
public record StatusReport(
        @NotNull @Size(max = 1000) List<@NotNull @Valid LayerStatusUpdate> layers,
        @PositiveOrZero Long prunedRevision) {
}
