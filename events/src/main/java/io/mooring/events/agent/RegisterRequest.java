package io.mooring.events.agent;

/**
 * An agent asks for a credential with the import token from its Secret. {@code clusterUid} is the UID of the
 * cluster's {@code kube-system} namespace: it outlives every pod, so the registry binds the cluster to it on the
 * first registration and accepts the spent token again from an agent that lost its state (its pod was rescheduled)
 * only when it presents the same UID. Null from agents that cannot read it (or predate it): they simply cannot
 * re-register.
 */
public record RegisterRequest(String importToken, AgentFacts facts, String clusterUid) {
}
