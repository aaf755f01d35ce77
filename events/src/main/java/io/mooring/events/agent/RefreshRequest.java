package io.mooring.events.agent;

import java.util.UUID;

/** Exchanges the refresh secret for a new short-lived agent token. */
public record RefreshRequest(UUID clusterId, String refreshSecret) {

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "RefreshRequest[clusterId=" + clusterId + "]";
    }
}
