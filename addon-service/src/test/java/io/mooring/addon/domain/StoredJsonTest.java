package io.mooring.addon.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is stored as JSON reads back as it was written (no helper method may leak in as a property). */
class StoredJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void layerDefinitionsRoundTrip() throws Exception {
        List<LayerDefinition> layers = List.of(
                new LayerDefinition("config", "apps", "apiVersion: v1\n", null, null),
                new LayerDefinition("repo", "apps", null,
                        new ChartSource("https://charts.example.com", "demo", "1.0.0", null, "sha256:ab", 12),
                        Map.of("a", 1)),
                new LayerDefinition("oci", "apps", null,
                        new ChartSource(null, null, "2.0.0", "oci://registry.example.com/charts/demo", null, null),
                        Map.of()));
        String text = json.writeValueAsString(layers);
        assertThat(text).doesNotContain("true").doesNotContain("false").doesNotContain("\"source\"");
        assertThat(json.readValue(text, new TypeReference<List<LayerDefinition>>() {
        })).isEqualTo(layers);
    }

    @Test
    void renderedLayersRoundTrip() throws Exception {
        RenderedLayer layer = new RenderedLayer("config", 0, "manifests", "apps",
                List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "x"))),
                List.of(ObjectIdentity.of("v1", "ConfigMap", "apps", "x")));
        String text = json.writeValueAsString(List.of(layer));
        assertThat(text).doesNotContain("\"key\"");
        assertThat(json.readValue(text, new TypeReference<List<RenderedLayer>>() {
        })).containsExactly(layer);
    }
}
