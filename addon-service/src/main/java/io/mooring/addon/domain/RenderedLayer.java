package io.mooring.addon.domain;

import java.util.List;
import java.util.Map;

/**
 * A layer as the agent will apply it: its objects, labelled and namespaced (see {@link LayerObjects}), plus the
 * identity of each object for ownership. Stored as JSON with profile versions and attachments.
 */
public record RenderedLayer(String name, int order, String source, String namespace,
        List<Map<String, Object>> objects, List<ObjectIdentity> identities) {

    public RenderedLayer {
        objects = objects == null ? List.of() : List.copyOf(objects);
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
