package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.events.capability.Capabilities;
import io.mooring.events.capability.Capability;
import io.mooring.events.capability.Operation;
import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapabilitiesAndKubeconfigTest {

    @Test
    void aReadOnlyClusterMayBeWatchedAndMigratedButTakesNoAddOns() {
        String project = RegistryApi.newProject("caps-ro");
        String id = create(project, "watched", "generic", "read-only").getString("cluster.id");
        List<Capability> capabilities = capabilities(project, id);

        assertThat(capabilities).containsExactlyElementsOf(Capabilities.of("read-only"));
        assertThat(capabilities).extracting(Capability::operation)
                .containsExactlyElementsOf(Arrays.stream(Operation.values()).map(Operation::id).toList());
        assertThat(find(capabilities, Operation.VIEW_HEALTH).allowed()).isTrue();
        assertThat(find(capabilities, Operation.ATTACH_ADDON_PROFILE))
                .isEqualTo(new Capability("attach-addon-profile", false, "requires full-permission mode"));
        assertThat(find(capabilities, Operation.DOWNLOAD_KUBECONFIG).reason()).isEqualTo(Capabilities.NO_KUBECONFIG);
        assertThat(find(capabilities, Operation.MIGRATE_TO_FULL_PERMISSIONS).allowed()).isTrue();
    }

    @Test
    void aFullPermissionClusterTakesAddOnsButNeverInfrastructureProfilesOrScaling() {
        String project = RegistryApi.newProject("caps-full");
        String id = create(project, "managed", "eks", "full-permission").getString("cluster.id");
        List<Capability> capabilities = capabilities(project, id);

        assertThat(capabilities).containsExactlyElementsOf(Capabilities.of("full-permission"));
        assertThat(find(capabilities, Operation.ATTACH_ADDON_PROFILE).allowed()).isTrue();
        assertThat(find(capabilities, Operation.ATTACH_INFRASTRUCTURE_PROFILE).allowed()).isFalse();
        assertThat(find(capabilities, Operation.SCALE_NODES).allowed()).isFalse();
        assertThat(find(capabilities, Operation.MIGRATE_TO_FULL_PERMISSIONS).reason())
                .isEqualTo(Capabilities.ALREADY_FULL);
        given().auth().oauth2(tokens().operator(project)).post(CLUSTERS + "/" + id + "/migrate-to-full-permissions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo(Capabilities.ALREADY_FULL));
    }

    @Test
    void theKubeconfigIsAlwaysRefusedWithWhereToGetOne() {
        String project = RegistryApi.newProject("kubeconfig");
        String eks = create(project, "eks-cluster", "eks", "full-permission").getString("cluster.id");
        String viewer = tokens().viewer(project);

        given().auth().oauth2(viewer).get(CLUSTERS + "/" + eks + "/kubeconfig")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(Capabilities.NO_KUBECONFIG))
                .body("detail", containsString("aws eks update-kubeconfig"));
        // Never a 404, whatever the id: there is no kubeconfig for any imported cluster.
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            given().auth().oauth2(viewer).get(CLUSTERS + "/" + id + "/kubeconfig")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString(Capabilities.NO_KUBECONFIG));
        }
        // Another project's cluster gets the general answer, so it does not reveal the cluster's type.
        given().auth().oauth2(tokens().viewer("elsewhere")).get(CLUSTERS + "/" + eks + "/kubeconfig")
                .then().statusCode(409).body("detail", containsString("gcloud container clusters get-credentials"));
    }

    private static List<Capability> capabilities(String project, String id) {
        return given().auth().oauth2(tokens().viewer(project)).get(CLUSTERS + "/" + id + "/capabilities")
                .then().statusCode(200).body("clusterId", equalTo(id))
                .extract().jsonPath().getList("capabilities", Capability.class);
    }

    private static Capability find(List<Capability> capabilities, Operation operation) {
        return capabilities.stream().filter(c -> c.operation().equals(operation.id())).findFirst().orElseThrow();
    }
}
