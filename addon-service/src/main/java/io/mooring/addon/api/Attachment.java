package io.mooring.addon.api;

import io.mooring.addon.service.AttachmentSnapshot;
import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A profile attached to a cluster; {@code status} is the worst of its layers'. {@code values} (by layer) have the
 * paths the profile marks secret masked.
 */
public record Attachment(UUID id, UUID clusterId, String profile, String version, long generation,
        Map<String, Object> values, String status, List<AttachedLayer> layers, Instant attachedAt,
        String attachedBy, Instant updatedAt, String updatedBy) {

    static Attachment of(AttachmentSnapshot attachment) {
        return new Attachment(attachment.id(), attachment.clusterId(), attachment.profile(), attachment.version(),
                attachment.generation(), attachment.maskedValues(), attachment.status(),
                attachment.layers().stream().map(AttachedLayer::of).toList(), attachment.attachedAt(),
                attachment.attachedBy(), attachment.updatedAt(), attachment.updatedBy());
    }

    public record AttachedLayer(String name, int order, String source, String namespace, String status,
            String message, Instant statusChangedAt, boolean adoptExisting, List<ObjectRef> objects) {

        static AttachedLayer of(AttachmentSnapshot.Layer layer) {
            return new AttachedLayer(layer.name(), layer.order(), layer.source(), layer.namespace(), layer.status(),
                    layer.message(), layer.statusChangedAt(), layer.adoptExisting(), layer.objects());
        }
    }
}
