package io.mooring.registry.api.dto;

import io.mooring.registry.api.validation.LabelKey;
import io.mooring.registry.api.validation.LabelValue;
import io.mooring.registry.api.validation.PlainText;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code PATCH /api/v1/clusters/{id}}: a field left out (or null) stays as it is; {@code labels} replaces
 * all labels; an empty description removes it.
 */
public record UpdateClusterRequest(
        @Size(max = 1000) @PlainText String description,
        @Size(max = 64) Map<@LabelKey String, @LabelValue String> labels) {
}
