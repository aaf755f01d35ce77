package io.mooring.events.agent;

import java.util.List;
import java.util.UUID;

/**
 * The registry's answer to {@link AgentStatus} ({@code POST /api/v1/agent/status}): what the platform knows
 * about the agent's own cluster, and what the agent has to do next.
 *
 * <ul>
 * <li>{@code status}: {@code Pending}, {@code Running} or {@code Deleting} while the cluster exists;
 * {@code Deleted} once the registry accepted {@code cleanupDone} (the agent stops reporting then: every
 * later call is refused with 410).</li>
 * <li>{@code importMode}: the confirmed mode, {@code read-only} or {@code full-permission}.</li>
 * <li>{@code pendingMigration}: {@code null}, or the mode a requested migration waits for
 * ({@code full-permission}). The agent re-checks its permissions against the API server
 * (SelfSubjectAccessReview) and reports them in {@link AgentFacts#permissions()}; the mode changes when
 * they match.</li>
 * <li>{@code cleanup}: the cluster is being deleted. The agent removes what the import installed, the
 * objects of {@code remove} in that order (they are deleted asynchronously; deleting the namespace ends
 * the agent itself, so it issues every delete before it reports), then sends a status with
 * {@code cleanupDone = true}. An agent that holds read-only permissions cannot delete anything: it reports
 * {@code cleanupDone = true} at once, and the user removes the objects with the cleanup manifest the
 * deletion answered.</li>
 * </ul>
 */
public record AgentStatusReply(
        UUID clusterId,
        String status,
        String importMode,
        String pendingMigration,
        boolean cleanup,
        List<InstalledObject> remove) {

    public static final String DELETED = "Deleted";

    public AgentStatusReply {
        remove = remove == null ? List.of() : List.copyOf(remove);
    }
}
