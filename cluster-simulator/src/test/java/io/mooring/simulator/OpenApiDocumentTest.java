package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final ApiDiscovery DISCOVERY = new ApiDiscovery(ProviderProfiles.of(Provider.OPENSHIFT));
    private static final OpenApiDocument DOCUMENT = new OpenApiDocument(DISCOVERY, "v1.30.4");

    @Test
    void everyServedKindFabric8KnowsHasASchemaFoundByItsGroupVersionKind() {
        assertThat(DOCUMENT.kinds()).contains("/v1/Namespace", "/v1/Secret", "/v1/ServiceAccount", "apps/v1/Deployment",
                "rbac.authorization.k8s.io/v1/ClusterRole", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
                "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding", "batch/v1/CronJob",
                "/v1/ConfigMap");
        assertThat(DOCUMENT.kinds()).doesNotContain("apps/v1beta1/Deployment");
    }

    @Test
    void theSchemasCarryTheApiTypesAndMergeKeys() {
        JsonNode definitions = DOCUMENT.json().path("definitions");
        JsonNode podSpec = definitions.path("io.fabric8.kubernetes.api.model.PodSpec").path("properties");
        assertThat(podSpec.path("containers").path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(podSpec.path("containers").path("type").asText()).isEqualTo("array");
        assertThat(podSpec.path("containers").path("items").path("$ref").asText())
                .isEqualTo("#/definitions/io.fabric8.kubernetes.api.model.Container");
        JsonNode resources = definitions.path("io.fabric8.kubernetes.api.model.ResourceRequirements").path("properties");
        assertThat(resources.path("limits").path("additionalProperties").path("type").asText()).isEqualTo("string");
        JsonNode probe = definitions.path("io.fabric8.kubernetes.api.model.HTTPGetAction").path("properties");
        assertThat(probe.path("port").path("format").asText()).isEqualTo("int-or-string");
        JsonNode secret = definitions.path("io.fabric8.kubernetes.api.model.Secret").path("properties");
        assertThat(secret.has("stringData")).isTrue();
        assertThat(secret.has("additionalProperties")).isFalse();
    }

    @Test
    void theProtobufFormHoldsEveryDefinition() throws Exception {
        byte[] encoded = OpenApiProtobuf.encode(DOCUMENT.json());

        List<String> names = new ArrayList<>();
        String swagger = null;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        while (in.available() > 0) {
            long tag = varint(in);
            byte[] value = new byte[(int) varint(in)];
            in.readFully(value);
            if (tag >> 3 == 1) {
                swagger = new String(value, StandardCharsets.UTF_8);
            } else if (tag >> 3 == 9) {
                DataInputStream definitions = new DataInputStream(new ByteArrayInputStream(value));
                while (definitions.available() > 0) {
                    varint(definitions);
                    byte[] named = new byte[(int) varint(definitions)];
                    definitions.readFully(named);
                    DataInputStream entry = new DataInputStream(new ByteArrayInputStream(named));
                    varint(entry);
                    byte[] name = new byte[(int) varint(entry)];
                    entry.readFully(name);
                    names.add(new String(name, StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(swagger).isEqualTo("2.0");
        List<String> expected = new ArrayList<>();
        DOCUMENT.json().path("definitions").fieldNames().forEachRemaining(expected::add);
        assertThat(names).isEqualTo(expected).contains("io.fabric8.kubernetes.api.model.apps.Deployment");
    }

    private static long varint(DataInputStream in) throws Exception {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }
}
