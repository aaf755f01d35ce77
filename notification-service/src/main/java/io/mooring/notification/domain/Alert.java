package io.mooring.notification.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One alert a rule raised, as a CloudEvent: {@code id} is derived from what it says (see {@link #idFor}), so the
 * same change seen twice (an event republished under a new id) is the same alert and delivered once.
 */
public record Alert(UUID id, String type, UUID clusterId, Instant time, Map<String, Object> data) {

    public static final String SOURCE = "/mooring/notification-service";

    public static UUID idFor(UUID ruleId, UUID clusterId, String subject, String condition, Instant occurredAt) {
        String key = ruleId + "|" + clusterId + "|" + subject + "|" + condition + "|" + occurredAt;
        return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
