package io.mooring.registry.api.dto;

import io.mooring.registry.service.ClusterService;
import java.util.UUID;

/**
 * The answer to {@code DELETE /api/v1/clusters/{id}}. {@code status} is {@code Deleting} while the agent
 * removes what the import installed (the record goes when it reports), or {@code Deleted} when the record is
 * already gone (forced, or a cluster whose agent never connected). {@code agentCleansUp} tells whether the
 * agent can remove the objects itself (full-permission) or the cleanup command must be run.
 */
public record DeletionView(UUID clusterId, String status, boolean forced, boolean agentCleansUp,
        CleanupCommand cleanup) {

    public static DeletionView of(ClusterService.Deletion d) {
        return new DeletionView(d.clusterId(), d.status(), d.forced(), d.agentCleansUp(), CleanupCommand.of(d.cleanup()));
    }
}
