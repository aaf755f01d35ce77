package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static final Map<String, Object> DESIRED = Map.of(
            "apiVersion", "v1", "kind", "ConfigMap",
            "metadata", Map.of("name", "settings", "labels", Map.of("app.kubernetes.io/managed-by", "mooring")),
            "data", Map.of("level", "info"));

    @Test
    void whatTheServerAddsIsNoDrift() {
        Map<String, Object> afterApply = Map.of(
                "apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "resourceVersion", "12", "uid", "u",
                        "labels", Map.of("app.kubernetes.io/managed-by", "mooring", "added-by-someone", "x")),
                "data", Map.of("level", "info", "extra", "kept"));
        Map<String, Object> later = Map.of(
                "apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "resourceVersion", "15", "labels", Map.of("app.kubernetes.io/managed-by", "mooring")),
                "data", Map.of("level", "info"));

        assertThat(Projection.same(Projection.of(DESIRED, afterApply), Projection.of(DESIRED, later))).isTrue();
    }

    @Test
    void aChangedOrRemovedFieldIsDrift() {
        Map<String, Object> recorded = Projection.of(DESIRED, DESIRED);
        Map<String, Object> changed = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "settings", "labels", Map.of("app.kubernetes.io/managed-by", "mooring")), "data", Map.of("level", "debug"));
        Map<String, Object> unlabelled = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "settings"),
                "data", Map.of("level", "info"));

        assertThat(Projection.same(recorded, Projection.of(DESIRED, changed))).isFalse();
        assertThat(Projection.same(recorded, Projection.of(DESIRED, unlabelled))).isFalse();
    }

    @Test
    void listsCompareWholeAndNumbersByValue() {
        Map<String, Object> desired = Map.of("spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 80))));
        Map<String, Object> server = Map.of("spec", Map.of("replicas", 2L, "ports", List.of(Map.of("port", 80, "protocol", "TCP"))));
        Map<String, Object> scaled = Map.of("spec", Map.of("replicas", 5, "ports", List.of(Map.of("port", 80, "protocol", "TCP"))));

        Map<String, Object> recorded = Projection.of(desired, server);

        assertThat(Projection.same(recorded, Projection.of(desired, Map.of("spec", Map.of("replicas", 2.0, "ports",
                List.of(Map.of("port", 80, "protocol", "TCP"))))))).isTrue();
        assertThat(Projection.same(recorded, Projection.of(desired, scaled))).isFalse();
    }
}
