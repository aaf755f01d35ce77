package io.mooring.registry.api.dto;

import io.mooring.registry.api.validation.DnsLabel;
import io.mooring.registry.api.validation.LabelKey;
import io.mooring.registry.api.validation.LabelValue;
import io.mooring.registry.api.validation.PlainText;
import io.mooring.events.CloudType;
import io.mooring.registry.domain.ImportMode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code POST /api/v1/clusters}: a cluster to import. */
public record CreateClusterRequest(
        @NotNull @DnsLabel String name,
        @NotNull @DnsLabel String project,
        @NotNull CloudType cloudType,
        @NotNull ImportMode importMode,
        @Size(max = 1000) @PlainText String description,
        @Size(max = 64) Map<@LabelKey String, @LabelValue String> labels) {
}
