package io.mooring.events.agent;

/**
 * What the agent found about its cluster and itself. {@code permissions} is {@code read-only} or
 * {@code full-permission}, as confirmed by the API server (SelfSubjectAccessReview), not as configured.
 */
public record AgentFacts(
        String agentVersion,
        String kubernetesVersion,
        String detectedProvider,
        String detectedPlatform,
        String permissions) {
}
