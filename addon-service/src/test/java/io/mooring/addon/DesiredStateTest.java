package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.published;
import static io.mooring.addon.support.Profiles.uniqueName;
import static io.mooring.addon.support.Profiles.uploadedChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.events.addons.AddonLabels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DesiredStateTest {

    private static final String PROJECT = "platform";

    @Test
    void theDesiredStateHasARevisionAndIsNotSentAgainWhileUnchanged() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        ExtractableResponse<Response> empty = Api.desiredState(cluster).statusCode(200)
                .body("clusterId", equalTo(cluster.toString()))
                .body("profiles", hasSize(0)).body("removed", hasSize(0)).extract();
        long start = empty.jsonPath().getLong("revision");
        assertThat(empty.header("ETag")).isEqualTo("\"" + start + "\"");

        String profile = uniqueName("agent-view");
        published(addOn(profile, "1.0.0", manifests("config", "agents", configMap("settings")),
                uploadedChart("app", "agents", "demo-0.1.0.tgz", Map.of("greeting", "hi"))));
        String attachment = attach(PROJECT, cluster, profile, "1.0.0").statusCode(201).extract().path("id");

        ExtractableResponse<Response> first = Api.desiredState(cluster).statusCode(200).extract();
        String etag = first.header("ETag");
        JsonPath state = first.jsonPath();
        assertThat(state.getLong("revision")).isEqualTo(start + 1);
        assertThat(etag).isEqualTo("\"" + (start + 1) + "\"");
        assertThat(state.getString("profiles[0].attachmentId")).isEqualTo(attachment);
        assertThat(state.getString("profiles[0].profile")).isEqualTo(profile);
        assertThat(state.getLong("profiles[0].generation")).isEqualTo(1);
        assertThat(state.getList("profiles[0].layers.name")).containsExactly("config", "app");
        assertThat(state.getList("profiles[0].layers.order")).containsExactly(0, 1);
        assertThat(state.getList("profiles[0].layers.source")).containsExactly("manifests", "helm");
        assertThat(state.getList("profiles[0].layers.namespace")).containsExactly("agents", "agents");

        // Every object carries the labels the agent prunes by; namespaced ones are in the layer's namespace.
        List<Map<String, Object>> objects = state.getList("profiles[0].layers[1].objects");
        assertThat(objects).hasSize(3);
        for (Map<String, Object> object : objects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
            assertThat(metadata.get("labels")).as("labels of %s", object.get("kind"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry(AddonLabels.MANAGED_BY, "mooring")
                    .containsEntry(AddonLabels.PROFILE, profile)
                    .containsEntry(AddonLabels.LAYER, "app");
        }
        Map<String, Object> configMap = AttachmentTest.object(state, "app", "ConfigMap", "app-settings");
        assertThat(configMap).extracting("metadata").extracting("namespace").isEqualTo("agents");
        assertThat(configMap).extracting("data").extracting("greeting").isEqualTo("hi");
        Map<String, Object> role = AttachmentTest.object(state, "app", "ClusterRole", "app-agents-reader");
        assertThat(role.get("metadata")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .doesNotContainKey("namespace");

        Api.agent(cluster).header("If-None-Match", etag).get("/api/v1/agent/addons").then()
                .statusCode(304).header("ETag", etag);
        Api.agent(cluster).header("If-None-Match", "W/" + etag).get("/api/v1/agent/addons").then().statusCode(304);
        Api.agent(cluster).header("If-None-Match", "\"0\"").get("/api/v1/agent/addons").then().statusCode(200);

        Api.operator(PROJECT).delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(204);
        ExtractableResponse<Response> changed = Api.agent(cluster).header("If-None-Match", etag)
                .get("/api/v1/agent/addons").then().statusCode(200).extract();
        assertThat(changed.jsonPath().getLong("revision")).isEqualTo(start + 2);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void profilesAreListedInTheOrderTheyWereAttached() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String first = uniqueName("zz-first");
        String second = uniqueName("aa-second");
        published(addOn(first, "1.0.0", manifests("config", "ordered", configMap("first"))));
        published(addOn(second, "1.0.0", manifests("config", "ordered", configMap("second"))));
        attach(PROJECT, cluster, first, "1.0.0").statusCode(201);
        attach(PROJECT, cluster, second, "1.0.0").statusCode(201);

        Api.desiredState(cluster).statusCode(200).body("profiles.profile", equalTo(List.of(first, second)));
    }

    @Test
    void aClusterAddonServiceHasNotHeardOfHasNothingDesired() {
        UUID cluster = UUID.randomUUID();
        Api.desiredState(cluster).statusCode(200).header("ETag", "\"0\"")
                .body("revision", equalTo(0)).body("profiles", hasSize(0));
    }
}
