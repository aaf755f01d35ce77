package io.mooring.addon.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.events.addons.DesiredLayer;
import java.util.List;
import java.util.Map;

/**
 * One layer as published: raw manifests, or a chart with its values. {@code adoptExisting} (true, or null for
 * the default) lets the layer take over objects that exist without Mooring's labels; {@code secretValues} (null
 * when none) are the dotted paths of its values the API masks. Both are left out of the stored JSON when unset,
 * so versions published before they existed keep their content hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerDefinition(String name, String namespace, String manifests, ChartSource chart,
        Map<String, Object> values, Boolean adoptExisting, List<String> secretValues) {

    public LayerDefinition(String name, String namespace, String manifests, ChartSource chart,
            Map<String, Object> values) {
        this(name, namespace, manifests, chart, values, null, null);
    }

    @JsonIgnore
    public boolean adopts() {
        return Boolean.TRUE.equals(adoptExisting);
    }

    @JsonIgnore
    public List<String> secretPaths() {
        return secretValues == null ? List.of() : secretValues;
    }

    @JsonIgnore
    public boolean isChart() {
        return chart != null;
    }

    @JsonIgnore
    public String source() {
        return isChart() ? DesiredLayer.HELM : DesiredLayer.MANIFESTS;
    }

    public LayerDefinition withChart(ChartSource pinned) {
        return new LayerDefinition(name, namespace, manifests, pinned, values, adoptExisting, secretValues);
    }
}
