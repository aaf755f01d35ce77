package io.mooring.agent.service;

import io.mooring.agent.domain.CleanupPlanner.Self;
import io.mooring.agent.kubernetes.CleanupExecutor;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The status to the registry, and what its answer asks for: a pending migration (re-check the permissions at once),
 * the cluster's deletion (stop everything else, remove what the import installed, report the cleanup done) or its
 * end (stop for good).
 */
final class StatusLoop implements Loop.Body {

    // The agent's log category, the one operators filter on.
    private static final Logger LOG = Logger.getLogger(Agent.class);
    private static final String DELETED = "the platform deleted this cluster";

    private final AgentAssembly parts;
    private final PermissionsLoop permissions;
    private final Runnable onCleanupStarted;
    private final Consumer<String> stop;
    private volatile AgentStatusReply lastReply;
    private volatile boolean cleaningUp;

    /**
     * @param onCleanupStarted stops every other loop and the watches, once, when the deletion begins
     * @param stop             stops the agent for good, with the reason
     */
    StatusLoop(AgentAssembly parts, PermissionsLoop permissions, Runnable onCleanupStarted, Consumer<String> stop) {
        this.parts = parts;
        this.permissions = permissions;
        this.onCleanupStarted = onCleanupStarted;
        this.stop = stop;
    }

    AgentStatusReply lastReply() {
        return lastReply;
    }

    boolean cleaningUp() {
        return cleaningUp;
    }

    @Override
    public Duration run() {
        AgentStatusReply reply = send(false);
        return reply == null ? null : handle(reply);
    }

    /** The status with the agent's facts; null when the platform deleted the cluster (the agent has stopped then). */
    private AgentStatusReply send(boolean cleanupDone) {
        try {
            return parts.calls.call(token -> parts.platform.status(token,
                    new AgentStatus(parts.cluster.facts(parts.settings.agentVersion()), cleanupDone)));
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE) {
                stop.accept(DELETED);
                return null;
            }
            throw e;
        }
    }

    private Duration handle(AgentStatusReply reply) {
        lastReply = reply;
        if (AgentStatusReply.DELETED.equals(reply.status())) {
            stop.accept(DELETED);
            return null;
        }
        if (reply.cleanup()) {
            return cleanUp(reply);
        }
        ClusterView cluster = parts.cluster;
        if (reply.pendingMigration() != null && !reply.pendingMigration().equals(cluster.verdict().permissions())) {
            String before = cluster.verdict().permissions();
            permissions.run();
            if (!before.equals(cluster.verdict().permissions())) {
                // Tell the registry at once: the migration is confirmed by the facts of the next status.
                return Duration.ZERO;
            }
        }
        return parts.settings.statusInterval();
    }

    private Duration cleanUp(AgentStatusReply reply) {
        if (!cleaningUp) {
            cleaningUp = true;
            LOG.infof("The cluster is being deleted: %s",
                    parts.cluster.verdict().full() ? "removing what the import installed" : "read-only, nothing to remove");
            onCleanupStarted.run();
        }
        if (parts.cluster.mayWrite()) {
            CleanupExecutor.Result result = new CleanupExecutor(parts.applier).remove(reply.remove(),
                    new Self(parts.settings.namespace(), parts.settings.name(), parts.settings.name()));
            if (!result.complete()) {
                LOG.warnf("Cleanup incomplete, trying again: %s", result.failures());
                return parts.settings.statusInterval();
            }
        }
        AgentStatusReply done = send(true);
        if (done == null) {
            return null;
        }
        lastReply = done;
        stop.accept(DELETED);
        return null;
    }
}
