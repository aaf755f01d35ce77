package io.mooring.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * deploy/helm/mooring rendered by real Helm (helm-java, the library addon-service renders add-on charts with), as
 * {@code helm template mooring deploy/helm/mooring -n mooring -f values.yaml} would, parsed into JSON trees.
 */
final class Chart {

    static final String RELEASE = "mooring";
    static final String NAMESPACE = "mooring";
    /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion), so nothing newer is assumed. */
    static final String KUBE_VERSION = "1.27.0";

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private Chart() {
    }

    static Path dir() {
        return Path.of(System.getProperty("mooring.chart.dir", "../deploy/helm/mooring")).toAbsolutePath().normalize();
    }

    /** The manifest for these values (over the chart's values.yaml); Helm's error as an exception when it refuses. */
    static String template(Map<String, Object> values) {
        Path file = null;
        try {
            file = Files.createTempFile("mooring-values-", ".yaml");
            YAML.writeValue(file.toFile(), values);
            return new Helm(dir()).template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION)
                    .withValuesFile(file)
                    .call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Every object of the manifest for these values. */
    static List<ObjectNode> render(Map<String, Object> values) {
        return parse(template(values));
    }

    static List<ObjectNode> parse(String manifest) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifest)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The chart rendered something that is not YAML", e);
        }
        return objects;
    }

    /** A JSON document held in a value, e.g. the console's config.json in its ConfigMap. */
    static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
