package io.mooring.addon.api;

import io.mooring.addon.service.AttachmentSnapshot;
import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A profile attached to a cluster; {@code status} is the worst of its layers'. {@code values} (by layer) have the
 * paths the profile marks secret masked.
 */
public record Attachment(UUID id, UUID clusterId, String profile, String version,
        @Schema(description = "Grows with every change of version or values; the agent reports status per generation.")
        long generation,
        @Schema(description = "The overrides by layer name, secret paths masked.") Map<String, Object> values,
        @Schema(enumeration = { "Pending", "Applying", "Deployed", "Failed", "Drifted" }) String status,
        List<AttachedLayer> layers, Instant attachedAt,
        String attachedBy, Instant updatedAt, String updatedBy) {

    static Attachment of(AttachmentSnapshot attachment) {
        return new Attachment(attachment.id(), attachment.clusterId(), attachment.profile(), attachment.version(),
                attachment.generation(), attachment.maskedValues(), attachment.status(),
                attachment.layers().stream().map(AttachedLayer::of).toList(), attachment.attachedAt(),
                attachment.attachedBy(), attachment.updatedAt(), attachment.updatedBy());
    }

    public record AttachedLayer(String name, int order,
            @Schema(enumeration = { "manifests", "helm" }) String source, String namespace,
            @Schema(enumeration = { "Pending", "Applying", "Deployed", "Failed", "Drifted" }) String status,
            @Schema(nullable = true, description = "Why the layer failed or drifted, as the agent reported it.")
            String message,
            @Schema(nullable = true, description = "When the agent last reported a change; null until it has.")
            Instant statusChangedAt,
            boolean adoptExisting, List<ObjectRef> objects) {

        static AttachedLayer of(AttachmentSnapshot.Layer layer) {
            return new AttachedLayer(layer.name(), layer.order(), layer.source(), layer.namespace(), layer.status(),
                    layer.message(), layer.statusChangedAt(), layer.adoptExisting(), layer.objects());
        }
    }
}
