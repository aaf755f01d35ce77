package io.mooring.addon.service;

import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An attachment as it stands: its version, its overrides with the profile's secret paths already masked, and each
 * layer's last reported status; {@code status} is the worst of its layers'.
 */
public record AttachmentSnapshot(UUID id, UUID clusterId, String profile, String version, long generation,
        Map<String, Object> maskedValues, String status, List<Layer> layers, Instant attachedAt, String attachedBy,
        Instant updatedAt, String updatedBy) {

    /** {@code statusChangedAt} is null while the layer is pending and was never recorded. */
    public record Layer(String name, int order, String source, String namespace, String status, String message,
            Instant statusChangedAt, boolean adoptExisting, List<ObjectRef> objects) {
    }
}
