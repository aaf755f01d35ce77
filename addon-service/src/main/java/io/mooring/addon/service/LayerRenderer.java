package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import io.mooring.addon.domain.ChartSource;
import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.LayerObjects;
import io.mooring.addon.domain.ManifestException;
import io.mooring.addon.domain.ManifestParser;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders layers into the objects the agent applies: manifests are parsed, charts are templated by Helm and the
 * output parsed the same way. Blocking throughout: run it through {@link RenderWorkers}.
 */
@ApplicationScoped
public class LayerRenderer {

    private final HelmRenderer helm;
    private final ChartRepositoryClient repositories;
    private final ManifestParser parser;

    public LayerRenderer(HelmRenderer helm, ChartRepositoryClient repositories, AddonConfig config) {
        this.helm = helm;
        this.repositories = repositories;
        // Hand-written manifests arrive in a request body (a few MB at most); Helm's output is bounded by
        // max-rendered-size: either way no text read here is longer than that.
        this.parser = new ManifestParser(config.helm().maxObjectsPerLayer(),
                (int) Math.min(Integer.MAX_VALUE, Math.max(config.helm().maxRenderedSize().asLongValue(),
                        8L * 1024 * 1024)));
    }

    /** A published version, rendered: its layers (charts pinned to the archive they were rendered from). */
    public record RenderedProfile(List<LayerDefinition> definitions, List<RenderedLayer> layers,
            Map<String, byte[]> downloadedArchives) {
    }

    /** Renders every layer of a profile about to be published with the layer's own values. */
    public RenderedProfile renderProfile(PreparedProfile profile) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<LayerDefinition> definitions = new ArrayList<>();
        List<RenderedLayer> layers = new ArrayList<>();
        Map<String, byte[]> downloaded = new LinkedHashMap<>();
        List<LayerDefinition> layerDefinitions = profile.definition().layers();
        for (int i = 0; i < layerDefinitions.size(); i++) {
            LayerDefinition layer = layerDefinitions.get(i);
            String field = "layers[" + i + "]";
            try {
                if (!layer.isChart()) {
                    layers.add(manifests(profile.name(), layer, i).withOptionsOf(layer));
                    definitions.add(layer);
                    continue;
                }
                ChartSource chart = layer.chart();
                byte[] archive = null;
                if (chart.isUpload()) {
                    archive = profile.archives().get(chart.archiveDigest());
                } else if (chart.isRepository()) {
                    archive = repositories.fetch(chart.repository(), chart.name(), chart.version());
                    String digest = "sha256:" + Sha256.hex(archive);
                    downloaded.put(digest, archive);
                    chart = chart.pinnedTo(digest, archive.length);
                }
                layers.add(chart(profile.name(), layer.name(), i, layer.namespace(), chart, archive,
                        List.of(layer.values())).withOptionsOf(layer));
                definitions.add(layer.withChart(chart));
            } catch (ChartException e) {
                if (e.isTimeout()) {
                    throw renderTimeout(layer.name(), field + ".chart", e);
                }
                if (e.isFetch()) {
                    throw new ProblemException(422, "chart-unavailable", "Chart unavailable",
                            "Layer '" + layer.name() + "': " + e.getMessage(),
                            List.of(new Problem.FieldError(field + ".chart", e.getMessage())));
                }
                errors.add(new Problem.FieldError(field + ".chart",
                        "layer '" + layer.name() + "': the chart did not render: " + e.getMessage()));
            } catch (LayerContentException e) {
                errors.add(new Problem.FieldError(field + (layer.isChart() ? ".chart" : ".manifests"),
                        "layer '" + layer.name() + "': " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw Violations.invalid(errors.size() == 1 ? errors.get(0).message()
                    : "Layers of the profile are not valid: " + String.join("; ",
                            errors.stream().map(Problem.FieldError::message).toList()), errors);
        }
        Optional<String> duplicate = LayerObjects.duplicate(layers);
        duplicate.ifPresent(message -> {
            throw Violations.invalid("layers", message, "The profile's layers overlap: " + message + ".");
        });
        return new RenderedProfile(definitions, layers, downloaded);
    }

    /**
     * Renders the layers of a published version for one attachment: a chart layer with overrides is rendered
     * again from its pinned archive (or its OCI reference) with the overrides merged over its values; every other
     * layer is the version's own rendering.
     */
    public List<RenderedLayer> renderAttachment(String profile, List<LayerDefinition> definitions,
            List<RenderedLayer> published, Map<String, Map<String, Object>> overrides, Map<String, byte[]> archives) {
        List<RenderedLayer> layers = new ArrayList<>(published.size());
        for (int i = 0; i < definitions.size(); i++) {
            LayerDefinition layer = definitions.get(i);
            Map<String, Object> override = overrides.get(layer.name());
            if (override == null || override.isEmpty() || !layer.isChart()) {
                layers.add(published.get(i));
                continue;
            }
            ChartSource chart = layer.chart();
            byte[] archive = chart.archiveDigest() == null ? null : archives.get(chart.archiveDigest());
            try {
                layers.add(chart(profile, layer.name(), i, layer.namespace(), chart, archive,
                        List.of(layer.values(), override)).withOptionsOf(layer));
            } catch (ChartException e) {
                if (e.isTimeout()) {
                    throw renderTimeout(layer.name(), "values." + layer.name(), e);
                }
                String problem = e.isFetch() ? "the chart could not be fetched: " : "the chart did not render with "
                        + "these values: ";
                throw Violations.invalid("values." + layer.name(), problem + e.getMessage(),
                        "Layer '" + layer.name() + "': " + problem + e.getMessage());
            } catch (LayerContentException e) {
                throw Violations.invalid("values." + layer.name(), e.getMessage(),
                        "Layer '" + layer.name() + "' with these values: " + e.getMessage());
            }
        }
        LayerObjects.duplicate(layers).ifPresent(message -> {
            throw Violations.invalid("values", message, "With these values the layers overlap: " + message + ".");
        });
        return layers;
    }

    /**
     * 422: the request is well-formed, but this chart (with these values) cannot be rendered within the service's
     * time limit. Retrying the same request would not help, so it is not a 503; it is the chart's publisher who
     * has to act.
     */
    private static ProblemException renderTimeout(String layer, String field, ChartException e) {
        return new ProblemException(422, "chart-render-timeout", "Chart did not render in time",
                "Layer '" + layer + "': " + e.getMessage() + ".",
                List.of(new Problem.FieldError(field, "the chart did not render in time: " + e.getMessage())));
    }

    private RenderedLayer manifests(String profile, LayerDefinition layer, int order) {
        try {
            List<ManifestParser.ParsedObject> objects = parser.parse(layer.manifests());
            if (objects.isEmpty()) {
                throw new LayerContentException("the manifests hold no Kubernetes object");
            }
            return LayerObjects.render(profile, layer.name(), order, layer.source(), layer.namespace(), objects);
        } catch (ManifestException e) {
            throw new LayerContentException(e.getMessage());
        }
    }

    private RenderedLayer chart(String profile, String layer, int order, String namespace, ChartSource chart,
            byte[] archive, List<Map<String, Object>> values) {
        String manifest = archive != null
                ? helm.template(archive, layer, namespace, values)
                : helm.templateOci(chart.oci(), chart.version(), layer, namespace, values);
        try {
            List<ManifestParser.ParsedObject> objects = parser.parse(manifest);
            return LayerObjects.render(profile, layer, order, "helm", namespace, objects);
        } catch (ManifestException e) {
            throw new LayerContentException("the chart rendered something that is not a Kubernetes object: "
                    + e.getMessage());
        }
    }

    /** Rendered content that is not a set of Kubernetes objects. */
    static final class LayerContentException extends RuntimeException {
        LayerContentException(String message) {
            super(message);
        }
    }
}
