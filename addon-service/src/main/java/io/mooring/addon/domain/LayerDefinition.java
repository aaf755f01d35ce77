package io.mooring.addon.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.events.addons.DesiredLayer;
import java.util.Map;

/** One layer as published: raw manifests, or a chart with its values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerDefinition(String name, String namespace, String manifests, ChartSource chart,
        Map<String, Object> values) {

    @JsonIgnore
    public boolean isChart() {
        return chart != null;
    }

    @JsonIgnore
    public String source() {
        return isChart() ? DesiredLayer.HELM : DesiredLayer.MANIFESTS;
    }

    public LayerDefinition withChart(ChartSource pinned) {
        return new LayerDefinition(name, namespace, manifests, pinned, values);
    }
}
