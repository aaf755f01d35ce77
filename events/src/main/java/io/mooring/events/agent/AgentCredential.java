package io.mooring.events.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * The agent's credential: a short-lived JWT for every report, and a refresh secret (shown once, stored
 * hashed by the registry) to get the next one. {@code reRegistrationSecret} is answered by a first registration
 * only (null otherwise): the agent keeps it in its identity Secret and presents it, with the spent import token,
 * when it has lost everything else.
 */
public record AgentCredential(UUID clusterId, String accessToken, Instant expiresAt, String refreshSecret,
        String reRegistrationSecret) {

    public AgentCredential(UUID clusterId, String accessToken, Instant expiresAt, String refreshSecret) {
        this(clusterId, accessToken, expiresAt, refreshSecret, null);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "AgentCredential[clusterId=" + clusterId + ", expiresAt=" + expiresAt + "]";
    }
}
