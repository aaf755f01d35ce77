package io.mooring.agent.service;

import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Re-checks the agent's own permissions (SelfSubjectAccessReview): a migration to full permission, or a role taken
 * away, shows here first; a change wakes the loops that report or act on it.
 */
final class PermissionsLoop implements Loop.Body {

    // The agent's log category, the one operators filter on.
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final AgentAssembly parts;
    private final Runnable onChange;

    PermissionsLoop(AgentAssembly parts, Runnable onChange) {
        this.parts = parts;
        this.onChange = onChange;
    }

    @Override
    public Duration run() {
        Verdict now = parts.reader.permissions(parts.settings.namespace());
        Verdict before = parts.cluster.verdict();
        parts.cluster.verdict(now);
        if (before != null && !before.permissions().equals(now.permissions())) {
            LOG.infof("The agent's permissions changed from %s to %s", before.permissions(), now.permissions());
            onChange.run();
        }
        return parts.settings.permissionsInterval();
    }
}
