package io.mooring.addon.service;

import io.mooring.addon.domain.LayerStatuses;
import io.mooring.addon.domain.ObjectIdentity;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.domain.SecretValues;
import io.mooring.addon.repository.AttachmentRecord;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.LayerStatusRecord;
import io.mooring.addon.repository.LayerStatusRepository;
import io.mooring.events.addons.LayerState;
import io.mooring.support.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The read side of attachments: an attachment with its layers' reported statuses and its overrides masked. The
 * caller has checked that the cluster is visible; these run in the caller's session.
 */
@ApplicationScoped
public class AttachmentReader {

    private final AttachmentRepository attachments;
    private final LayerStatusRepository statuses;
    private final StoredJson json;

    public AttachmentReader(AttachmentRepository attachments, LayerStatusRepository statuses, StoredJson json) {
        this.attachments = attachments;
        this.statuses = statuses;
        this.json = json;
    }

    Uni<List<AttachmentSnapshot>> page(UUID clusterId, String afterProfile, int limit) {
        return attachments.page(clusterId, afterProfile, limit).flatMap(this::snapshots);
    }

    Uni<AttachmentSnapshot> get(UUID clusterId, String profile) {
        return attachments.find(clusterId, profile).flatMap(attachment -> {
            if (attachment == null) {
                throw notAttached(profile);
            }
            return snapshot(attachment);
        });
    }

    Uni<AttachmentSnapshot> snapshot(AttachmentRecord attachment) {
        return snapshots(List.of(attachment)).map(list -> list.get(0));
    }

    private Uni<List<AttachmentSnapshot>> snapshots(List<AttachmentRecord> records) {
        return statuses.of(records.stream().map(a -> a.id).toList()).map(all -> {
            Map<UUID, List<LayerStatusRecord>> byAttachment = all.stream()
                    .collect(Collectors.groupingBy(s -> s.attachmentId));
            return records.stream().map(a -> snapshot(a, json.rendered(a.rendered),
                    byAttachment.getOrDefault(a.id, List.of()))).toList();
        });
    }

    /** The attachment as it stands with these layers and statuses (a change answers before it is read back). */
    AttachmentSnapshot snapshot(AttachmentRecord attachment, List<RenderedLayer> layers,
            List<LayerStatusRecord> layerStatuses) {
        Map<String, LayerStatusRecord> byLayer = new HashMap<>();
        layerStatuses.forEach(s -> byLayer.put(s.layer, s));
        Map<String, List<String>> secrets = new HashMap<>();
        layers.forEach(l -> secrets.put(l.name(), l.secretValues()));
        Map<String, Object> values = new LinkedHashMap<>();
        json.overrides(attachment.overrides).forEach((layer, layerValues) ->
                values.put(layer, SecretValues.mask(layerValues, secrets.get(layer))));
        List<AttachmentSnapshot.Layer> snapshots = new ArrayList<>();
        for (RenderedLayer layer : layers) {
            LayerStatusRecord status = byLayer.get(layer.name());
            snapshots.add(new AttachmentSnapshot.Layer(layer.name(), layer.order(), layer.source(), layer.namespace(),
                    status == null ? LayerState.PENDING.wire() : status.status,
                    status == null ? null : status.message, status == null ? null : status.updatedAt,
                    layer.adoptExisting(), layer.identities().stream().map(ObjectIdentity::toRef).toList()));
        }
        String overall = LayerStatuses.overall(snapshots.stream().map(AttachmentSnapshot.Layer::status).toList());
        return new AttachmentSnapshot(attachment.id, attachment.clusterId, attachment.profile, attachment.version,
                attachment.generation, values, overall, snapshots,
                attachment.createdAt, attachment.createdBy, attachment.updatedAt, attachment.updatedBy);
    }

    static ProblemException notAttached(String profile) {
        return ProblemException.notFound("Add-on profile '" + profile + "' is not attached to this cluster");
    }
}
