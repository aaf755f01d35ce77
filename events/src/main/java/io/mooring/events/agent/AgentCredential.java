package io.mooring.events.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * The agent's credential: a short-lived JWT for every report, and a refresh secret (shown once, stored
 * hashed by the registry) to get the next one.
 */
public record AgentCredential(UUID clusterId, String accessToken, Instant expiresAt, String refreshSecret) {
}
