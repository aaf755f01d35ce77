package io.mooring.addon.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.addons.AddonLabels;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private final ManifestParser parser = new ManifestParser(100, 1_000_000);

    @Test
    void readsMultiDocumentYamlIntoObjectsWithTheirScope() throws ManifestException {
        List<ManifestParser.ParsedObject> objects = parser.parse("""
                # Source: a comment before anything
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: "0644"
                  when: 2024-01-01
                ---
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: reader
                rules: []
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                  namespace: elsewhere
                spec:
                  base: &base {size: 1}
                  copy: *base
                """);
        assertThat(objects).extracting(ManifestParser.ParsedObject::kind)
                .containsExactly("ConfigMap", "ClusterRole", "Widget");
        assertThat(objects).extracting(ManifestParser.ParsedObject::namespaced).containsExactly(true, false, null);
        assertThat(objects).extracting(ManifestParser.ParsedObject::document).containsExactly(1, 3, 4);
        assertThat(objects).extracting(ManifestParser.ParsedObject::line).containsExactly(3, 12, 18);
        assertThat(objects.get(0).object()).extracting("data").isEqualTo(Map.of("mode", "0644", "when", "2024-01-01"));
        assertThat(objects.get(2).object()).extracting("spec").isEqualTo(Map.of("base", Map.of("size", 1),
                "copy", Map.of("size", 1)));
    }

    @Test
    void expandsLists() throws ManifestException {
        List<ManifestParser.ParsedObject> objects = parser.parse("""
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
                  - {apiVersion: v1, kind: Secret, metadata: {name: b}}
                """);
        assertThat(objects).extracting(ManifestParser.ParsedObject::name).containsExactly("a", "b");
    }

    @Test
    void namesTheDocumentAndLineOfWhatIsWrong() {
        assertRefused("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Secret\nmetadata:\n  name: b\n",
                2, 6, "apiVersion is missing");
        assertRefused("apiVersion: v1\nmetadata:\n  name: a\n", 1, 1, "kind is missing");
        assertRefused("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: a-\n", 1, 1,
                "metadata.name is missing (generateName cannot be applied declaratively)");
        assertRefused("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: Not_Valid\n", 1, 1,
                "metadata.namespace 'Not_Valid' must be a DNS-1123 label");
        assertRefused("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: 1\n  k: 2\n", 1, 7,
                "not valid YAML");
        assertRefused("a: 1\n b: 2\n", 1, 2, "not valid YAML");
        assertRefused("- just\n- a list\n", 1, 1, "is not a Kubernetes object");
        assertRefused("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 5\n", 1, 1,
                "Pod 'p' does not match the Kubernetes model: spec.containers");
    }

    @Test
    void labelsAndNamespacesObjectsForTheAgent() throws ManifestException {
        List<ManifestParser.ParsedObject> parsed = parser.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                  labels: {app.kubernetes.io/managed-by: Helm, team: x}
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: extra
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """);
        RenderedLayer layer = LayerObjects.render("prof", "lay", 0, "manifests", "target", parsed);
        assertThat(layer.objects().get(0)).extracting("metadata").isEqualTo(Map.of("name", "a", "namespace", "target",
                "labels", Map.of(AddonLabels.MANAGED_BY, "mooring", "team", "x", AddonLabels.PROFILE, "prof",
                        AddonLabels.LAYER, "lay")));
        assertThat(layer.objects().get(1).get("metadata")).asInstanceOf(InstanceOfAssertFactories.MAP).doesNotContainKey("namespace");
        assertThat(layer.identities()).extracting(ObjectIdentity::namespace).containsExactly("target", "", "target");
        assertThat(layer.identities().get(2).group()).isEqualTo("example.com");
        // The parsed objects are left as they were.
        assertThat(parsed.get(0).namespace()).isNull();
    }

    private void assertRefused(String yaml, int document, int line, String reason) {
        assertThatThrownBy(() -> parser.parse(yaml)).isInstanceOfSatisfying(ManifestException.class, e -> {
            assertThat(e.document()).as("document of %s", e.getMessage()).isEqualTo(document);
            assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
            assertThat(e.reason()).startsWith(reason);
        });
    }
}
