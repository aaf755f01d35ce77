package io.mooring.registry.api.dto;

import io.mooring.registry.domain.ClusterCounts;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The clusters a caller may see, counted by status, import mode, declared cloud type and detected provider. */
public record ClusterSummary(@Schema(required = true, description = "All the clusters counted.") long total,
        @Schema(required = true, description = "Clusters per status: Pending, Running and Deleting, each present.")
        Map<String, Long> byStatus,
        @Schema(required = true, description = "Clusters per import mode: read-only and full-permission, each"
                + " present.") Map<String, Long> byImportMode,
        @Schema(required = true, description = "Clusters per cloud type chosen at import, every cloud type present.")
        Map<String, Long> byCloudType,
        @Schema(required = true, description = "Clusters per provider their agent detected, most frequent first;"
                + " `" + ClusterCounts.NOT_DETECTED + "` counts those whose agent has not reported yet. Only"
                + " providers with clusters are present.") Map<String, Long> byDetectedProvider) {

    public static ClusterSummary of(ClusterCounts counts) {
        return new ClusterSummary(counts.total(), counts.byStatus(), counts.byImportMode(), counts.byCloudType(),
                counts.byDetectedProvider());
    }
}
