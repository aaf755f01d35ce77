package io.mooring.events.agent;

import java.time.Instant;
import java.util.UUID;

/** Sent every 30 s by default; {@code reportId} makes a resent heartbeat count once. */
public record Heartbeat(UUID reportId, Instant sentAt, String agentVersion, String permissions) {
}
