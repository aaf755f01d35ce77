package io.mooring.addon.service;

import io.mooring.addon.domain.ChartSource;
import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A published version with each layer as published and references to the objects it renders to. */
public record VersionDetails(String name, String version, String type, String description, String contentHash,
        Instant createdAt, String createdBy, List<Layer> layers) {

    /**
     * {@code maskedValues}: the layer's own values with every path of {@code secretValues} masked (null for a
     * manifests layer); {@code chart} is null for a manifests layer, and names an uploaded archive by digest only.
     */
    public record Layer(String name, int order, String source, String namespace, String manifests, ChartSource chart,
            Map<String, Object> maskedValues, boolean adoptExisting, List<String> secretValues,
            List<ObjectRef> objects) {
    }
}
