package io.mooring.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the chart renders, for every documented variant, is one the Kubernetes API accepts, judged by the API's
 * schema ({@link KubernetesSchema}: the validation schemas fabric8's model modules ship, checked with networknt's
 * json-schema-validator). The custom resources are checked the same way, not by deserializing into fabric8's typed
 * model: HTTPRoute against kubernetes-model-gatewayapi's schema, ServiceMonitor against openshift-model-monitoring's.
 */
class KubernetesSchemaTest {

    private final KubernetesSchema schema = KubernetesSchema.load();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mooring.deploy.chart.Variants#all")
    void everyRenderedObjectMatchesTheKubernetesApiSchema(String variant) {
        List<ObjectNode> objects = Chart.render(Variants.values(variant));

        assertThat(objects).isNotEmpty();
        List<String> violations = new ArrayList<>();
        objects.forEach(object -> violations.addAll(schema.violations(object)));
        assertThat(violations).isEmpty();
    }

    @Test
    void theSchemaRefusesUnknownFieldsWrongTypesAndBadQuantities() {
        ObjectNode deployment = Chart.named(Chart.render(Variants.values("defaults")), "Deployment", "mooring-registry");
        assertThat(schema.violations(deployment)).isEmpty();

        ObjectNode unknownField = deployment.deepCopy();
        ((ObjectNode) unknownField.at("/spec/template/spec/containers/0/securityContext")).put("runAsNonroot", true);
        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec")).put("replicas", "two");
        ObjectNode badQuantity = deployment.deepCopy();
        ((ObjectNode) badQuantity.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "768 MB");
        ObjectNode wrongKind = deployment.deepCopy();
        wrongKind.put("apiVersion", "apps/v2");

        assertThat(schema.violations(unknownField)).anySatisfy(m -> assertThat(m).contains("runAsNonroot"));
        assertThat(schema.violations(wrongType)).anySatisfy(m -> assertThat(m).contains("replicas"));
        assertThat(schema.violations(badQuantity)).anySatisfy(m -> assertThat(m).contains("memory"));
        assertThat(schema.violations(wrongKind)).isNotEmpty();
    }
}
