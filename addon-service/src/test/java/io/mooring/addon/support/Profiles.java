package io.mooring.addon.support;

import static io.restassured.RestAssured.given;

import io.mooring.testsupport.Tokens;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for profiles, and publishing them. Names are unique per call, so tests never share a profile. */
public final class Profiles {

    private Profiles() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> profile(String name, String version, String type, List<Map<String, Object>> layers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("version", version);
        body.put("description", "Test profile " + name);
        body.put("type", type);
        body.put("layers", layers);
        return body;
    }

    public static Map<String, Object> addOn(String name, String version, Map<String, Object>... layers) {
        return profile(name, version, "add-on", List.of(layers));
    }

    public static Map<String, Object> manifests(String name, String namespace, String yaml) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", name);
        layer.put("namespace", namespace);
        layer.put("manifests", yaml);
        return layer;
    }

    public static Map<String, Object> repositoryChart(String name, String namespace, String chart, String version,
            Map<String, Object> values) {
        return chart(name, namespace, Map.of("repository", Charts.shared().repositoryUrl(), "name", chart,
                "version", version), values);
    }

    public static Map<String, Object> uploadedChart(String name, String namespace, String archiveFile,
            Map<String, Object> values) {
        return chart(name, namespace, Map.of("archive", Charts.shared().archiveBase64(archiveFile)), values);
    }

    public static Map<String, Object> chart(String name, String namespace, Map<String, Object> chart,
            Map<String, Object> values) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", name);
        layer.put("namespace", namespace);
        layer.put("chart", chart);
        if (values != null) {
            layer.put("values", values);
        }
        return layer;
    }

    /** A ConfigMap as YAML (one document). */
    public static String configMap(String name, String... keyValues) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").append(name)
                .append("\ndata:\n");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            yaml.append("  ").append(keyValues[i]).append(": \"").append(keyValues[i + 1]).append("\"\n");
        }
        if (keyValues.length == 0) {
            yaml.append("  key: value\n");
        }
        return yaml.toString();
    }

    public static String documents(String... documents) {
        return String.join("---\n", documents);
    }

    public static ValidatableResponse publish(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.shared().operator("any")).contentType("application/json").body(body)
                .post("/api/v1/addon-profiles").then();
    }

    /** Publishes and expects it to be new. */
    public static void published(Map<String, Object> body) {
        publish(body).statusCode(201);
    }

    /** A one-layer add-on profile holding the given manifests, published. */
    public static String publishedManifests(String prefix, String version, String namespace, String... documents) {
        String name = uniqueName(prefix);
        published(addOn(name, version, manifests("config", namespace, documents(documents))));
        return name;
    }

    @SafeVarargs
    public static List<Map<String, Object>> layers(Map<String, Object>... layers) {
        return new ArrayList<>(List.of(layers));
    }
}
