package io.mooring.events.agent;

import java.util.UUID;

/** Exchanges the refresh secret for a new short-lived agent token. */
public record RefreshRequest(UUID clusterId, String refreshSecret) {
}
