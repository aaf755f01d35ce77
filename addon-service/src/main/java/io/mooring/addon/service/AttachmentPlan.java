package io.mooring.addon.service;

import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.repository.ProfileVersionRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a change of an attachment was planned from, read before rendering and checked again under the cluster's
 * lock; {@code unchanged} (and nothing else) is set when there is nothing to change.
 */
record AttachmentPlan(UUID clusterId, ProfileVersionRecord version, List<LayerDefinition> definitions,
        List<RenderedLayer> published, Map<String, Map<String, Object>> overrides, Map<String, byte[]> archives,
        AttachmentSnapshot unchanged) {

    static AttachmentPlan unchanged(AttachmentSnapshot attachment) {
        return new AttachmentPlan(null, null, null, null, null, null, attachment);
    }
}
