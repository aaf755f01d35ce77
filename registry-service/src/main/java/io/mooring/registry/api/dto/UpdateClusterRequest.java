package io.mooring.registry.api.dto;

import io.mooring.registry.api.validation.LabelKey;
import io.mooring.registry.api.validation.LabelValue;
import io.mooring.registry.api.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PATCH /api/v1/clusters/{id}}: a field left out (or null) stays as it is; {@code labels} replaces
 * all labels; an empty description removes it; {@code agentNetwork} replaces the agent's network settings as a
 * whole, and {@code {}} removes them (for the import commands issued from then on).
 */
public record UpdateClusterRequest(
        @Size(max = 1000) @PlainText String description,
        @Size(max = 64) Map<@LabelKey String, @LabelValue String> labels,
        @Schema(description = "Replaces the agent's network settings as a whole; `{}` removes them. The running agent"
                + " keeps its settings until the import command is applied again (issue a new one: POST"
                + " /api/v1/clusters/{id}/import-command).") @Valid AgentNetworkSettings agentNetwork) {
}
