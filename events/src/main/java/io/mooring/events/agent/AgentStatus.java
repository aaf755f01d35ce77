package io.mooring.events.agent;

/**
 * Periodic status to the registry: the facts again (a migration is confirmed when {@code permissions}
 * reaches full-permission) and, during deletion, whether the agent finished removing what the import installed.
 */
public record AgentStatus(AgentFacts facts, boolean cleanupDone) {
}
