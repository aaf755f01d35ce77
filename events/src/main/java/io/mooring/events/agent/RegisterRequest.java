package io.mooring.events.agent;

/**
 * An agent asks for a credential with the import token from its Secret. {@code clusterUid} is the UID of the
 * cluster's {@code kube-system} namespace: the registry binds the cluster to it on the first registration. A spent
 * token is taken again (an agent that lost its state, say a rescheduled pod) only together with
 * {@code reRegistrationSecret}, the secret the first registration answered and the agent keeps in a Kubernetes
 * Secret of its own namespace, and the same UID: the UID alone is known to anyone who can read namespaces.
 */
public record RegisterRequest(String importToken, AgentFacts facts, String clusterUid, String reRegistrationSecret) {

    /** A registration without a re-registration secret (a first registration with a fresh token). */
    public RegisterRequest(String importToken, AgentFacts facts, String clusterUid) {
        this(importToken, facts, clusterUid, null);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "RegisterRequest[facts=" + facts + ", clusterUid=" + clusterUid + "]";
    }
}
