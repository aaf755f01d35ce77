package io.mooring.addon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.addon.domain.ChartSource;
import io.mooring.addon.service.VersionDetails;
import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A published version: each layer as published (chart archives by digest only) and the objects it renders to with
 * its own values (the rendered objects themselves are at {@code .../rendered}).
 */
public record ProfileVersion(String name, String version,
        @Schema(enumeration = { "add-on", "infrastructure" }) String type,
        @Schema(nullable = true) String description,
        @Schema(description = "SHA-256 (hex) of the version's canonical content: publishing the same content again "
                + "changes nothing.") String contentHash,
        Instant createdAt, String createdBy, List<Layer> layers) {

    static ProfileVersion of(VersionDetails version) {
        return new ProfileVersion(version.name(), version.version(), version.type(), version.description(),
                version.contentHash(), version.createdAt(), version.createdBy(),
                version.layers().stream().map(Layer::of).toList());
    }

    /**
     * {@code values} with every path of {@code secretValues} masked; {@code adoptExisting}: whether the layer takes
     * over objects that exist without Mooring's labels.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(String name, int order, String source, String namespace, String manifests, Chart chart,
            Map<String, Object> values, boolean adoptExisting, List<String> secretValues, List<ObjectRef> objects) {

        static Layer of(VersionDetails.Layer layer) {
            return new Layer(layer.name(), layer.order(), layer.source(), layer.namespace(), layer.manifests(),
                    Chart.of(layer.chart()), layer.maskedValues(), layer.adoptExisting(), layer.secretValues(),
                    layer.objects());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(String repository, String name, String version, String oci, String archiveDigest,
            Integer archiveSize) {

        static Chart of(ChartSource chart) {
            return chart == null ? null : new Chart(chart.repository(), chart.name(), chart.version(), chart.oci(),
                    chart.archiveDigest(), chart.archiveSize());
        }
    }
}
