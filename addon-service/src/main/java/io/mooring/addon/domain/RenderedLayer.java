package io.mooring.addon.domain;

import java.util.List;
import java.util.Map;

/**
 * A layer as the agent will apply it: its objects, labelled and namespaced (see {@link LayerObjects}), plus the
 * identity of each object for ownership, and the layer's options from its definition (whether it adopts existing
 * objects, which values are secret). Stored as JSON with profile versions and attachments.
 */
public record RenderedLayer(String name, int order, String source, String namespace,
        List<Map<String, Object>> objects, List<ObjectIdentity> identities, boolean adoptExisting,
        List<String> secretValues) {

    public RenderedLayer {
        objects = objects == null ? List.of() : List.copyOf(objects);
        identities = identities == null ? List.of() : List.copyOf(identities);
        secretValues = secretValues == null ? List.of() : List.copyOf(secretValues);
    }

    public RenderedLayer(String name, int order, String source, String namespace,
            List<Map<String, Object>> objects, List<ObjectIdentity> identities) {
        this(name, order, source, namespace, objects, identities, false, List.of());
    }

    /** This rendering with the options of the layer's definition. */
    public RenderedLayer withOptionsOf(LayerDefinition definition) {
        return new RenderedLayer(name, order, source, namespace, objects, identities, definition.adopts(),
                definition.secretPaths());
    }
}
