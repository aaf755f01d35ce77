package io.mooring.registry.api.dto;

import io.mooring.registry.service.ClusterService;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code DELETE /api/v1/clusters/{id}}. {@code status} is {@code Deleting} while the agent
 * removes what the import installed (the record goes when it reports), or {@code Deleted} when the record is
 * already gone (forced, or a cluster whose agent never connected). {@code agentCleansUp} tells whether the
 * agent can remove the objects itself (full-permission) or the cleanup command must be run.
 */
@Schema(requiredProperties = { "clusterId", "status", "forced", "agentCleansUp", "cleanup" })
public record DeletionView(UUID clusterId,
        @Schema(enumeration = { "Deleting", "Deleted" }, description = "Deleting while the agent cleans up (202);"
                + " Deleted when the record is gone (200).") String status,
        boolean forced,
        @Schema(description = "Whether the agent removes what the import installed itself (full-permission);"
                + " otherwise run the cleanup command.") boolean agentCleansUp,
        CleanupCommand cleanup) {

    public static DeletionView of(ClusterService.Deletion d) {
        return new DeletionView(d.clusterId(), d.status(), d.forced(), d.agentCleansUp(), CleanupCommand.of(d.cleanup()));
    }
}
