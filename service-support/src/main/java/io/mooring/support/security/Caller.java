package io.mooring.support.security;

import io.mooring.support.api.ProblemException;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as far as access decisions go. Admins see every project; other users see the projects
 * in their token's {@code projects} claim; an agent acts for exactly one cluster.
 */
public record Caller(String name, Set<String> roles, Set<String> projects, UUID agentClusterId) {

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isAgent() {
        return agentClusterId != null;
    }

    public boolean canSee(String project) {
        return isAdmin() || projects.contains(project);
    }

    /**
     * Fails with 404, not 403, for a project the caller cannot see: whether a cluster exists in another
     * project is itself not the caller's to know.
     */
    public void requireVisible(String project, String what) {
        if (!canSee(project)) {
            throw ProblemException.notFound(what + " not found");
        }
    }

    /** For creating things in a project: the caller must belong to it. */
    public void requireMember(String project) {
        if (!canSee(project)) {
            throw ProblemException.forbidden("You are not a member of project '" + project + "'.");
        }
    }

    /** An agent may only report for its own cluster. */
    public void requireAgentOf(UUID clusterId) {
        if (!isAgent() || !agentClusterId.equals(clusterId)) {
            throw ProblemException.forbidden("This agent credential belongs to another cluster.");
        }
    }
}
