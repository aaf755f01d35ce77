package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Api.attachments;
import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.published;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static io.mooring.addon.support.Profiles.uniqueName;
import static io.mooring.addon.support.Profiles.uploadedChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.addon.support.Profiles;
import io.mooring.events.Modes;
import io.mooring.events.capability.Capabilities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AttachmentTest {

    private static final String PROJECT = "payments";

    @Test
    void aReadOnlyClusterRefusesWithTheCapabilityReason() {
        UUID cluster = Lifecycle.readOnlyCluster(PROJECT);
        String profile = publishedManifests("ro", "1.0.0", "apps", configMap("settings"));

        attach(PROJECT, cluster, profile, "1.0.0").statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo(Capabilities.REQUIRES_FULL_PERMISSION));
        attachments(PROJECT, cluster).statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anInfrastructureProfileIsRefusedEvenInFullPermission() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = uniqueName("infra");
        published(Profiles.profile(profile, "1.0.0", "infrastructure",
                List.of(manifests("nodes", "kube-system", configMap("pools")))));

        attach(PROJECT, cluster, profile, "1.0.0").statusCode(409)
                .body("detail", equalTo(Capabilities.ADDON_PROFILES_ONLY));
        UUID readOnly = Lifecycle.readOnlyCluster(PROJECT);
        attach(PROJECT, readOnly, profile, "1.0.0").statusCode(409)
                .body("detail", equalTo(Capabilities.ADDON_PROFILES_ONLY));
    }

    @Test
    void aModeChangeToFullPermissionMakesAttachingPossibleAtOnce() {
        UUID cluster = Lifecycle.readOnlyCluster(PROJECT);
        String profile = publishedManifests("migrate", "1.0.0", "apps", configMap("settings"));
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(409);

        Lifecycle.modeChanged(cluster, PROJECT, Modes.READ_ONLY, Modes.FULL_PERMISSION);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Api.operator(PROJECT).body(Api.attachBody(profile, "1.0.0", null))
                        .post("/api/v1/clusters/" + cluster + "/addons").statusCode() == 201);
        attachments(PROJECT, cluster).statusCode(200).body("items.profile", equalTo(List.of(profile)))
                .body("items[0].status", equalTo("Pending"))
                .body("items[0].layers[0].status", equalTo("Pending"));
    }

    @Test
    void severalProfilesAttachButTwoCannotOwnTheSameObject() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String logging = publishedManifests("logging", "1.0.0", "ops", configMap("logging"), configMap("shared"));
        String metrics = publishedManifests("metrics", "1.0.0", "ops", configMap("metrics"));
        String clash = publishedManifests("clash", "1.0.0", "ops", configMap("other"), configMap("shared"));

        attach(PROJECT, cluster, logging, "1.0.0").statusCode(201)
                .header("Location", containsString("/api/v1/clusters/" + cluster + "/addons/" + logging));
        attach(PROJECT, cluster, metrics, "1.0.0").statusCode(201);
        attach(PROJECT, cluster, clash, "1.0.0").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("ConfigMap ops/shared (v1) of layer 'config' is already owned by "
                        + "add-on profile '" + logging + "'"));
        attach(PROJECT, cluster, logging, "1.0.0").statusCode(409)
                .body("detail", containsString("already attached"));

        attachments(PROJECT, cluster).statusCode(200).body("items", hasSize(2));
        // Elsewhere the same profile is no conflict: ownership is per cluster.
        UUID other = Lifecycle.fullPermissionCluster(PROJECT);
        attach(PROJECT, other, clash, "1.0.0").statusCode(201);
    }

    @Test
    void chartLayersTakeValueOverridesWhenAttached() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = uniqueName("web");
        published(addOn(profile, "1.0.0", manifests("base", "web", configMap("base")),
                uploadedChart("app", "web", "demo-0.1.0.tgz", Map.of("greeting", "layer", "replicas", 1))));

        attach(PROJECT, cluster, profile, "1.0.0", Map.of("app", Map.of("replicas", 3, "extraConfig", true)))
                .statusCode(201)
                .body("values.app.replicas", equalTo(3))
                .body("layers[1].objects.name", hasItem("app-extra"));

        JsonPath desired = Api.desiredState(cluster).statusCode(200).extract().jsonPath();
        Map<String, Object> deployment = object(desired, "app", "Deployment", "app");
        assertThat(deployment).extracting("spec").extracting("replicas").isEqualTo(3);
        Map<String, Object> settings = object(desired, "app", "ConfigMap", "app-settings");
        assertThat(settings).extracting("data").extracting("greeting").isEqualTo("layer");

        attach(PROJECT, Lifecycle.fullPermissionCluster(PROJECT), profile, "1.0.0", Map.of("base", Map.of("a", 1)))
                .statusCode(400).body("errors[0].field", equalTo("values.base"));
        attach(PROJECT, Lifecycle.fullPermissionCluster(PROJECT), profile, "1.0.0", Map.of("nope", Map.of("a", 1)))
                .statusCode(400).body("errors[0].field", equalTo("values.nope"));
    }

    @Test
    void overridesThatBreakTheChartAreRefusedWithHelmsMessage() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = uniqueName("db");
        published(addOn(profile, "1.0.0", Profiles.repositoryChart("db", "data", "broken", "0.2.0",
                Map.of("database", Map.of("host", "db.internal")))));

        attach(PROJECT, cluster, profile, "1.0.0", Map.of("db", "database:\n  host: null\n")).statusCode(400)
                .body("errors[0].field", equalTo("values.db"))
                .body("detail", containsString("database.host is required"));
        attach(PROJECT, cluster, profile, "1.0.0", Map.of("db", Map.of("database", Map.of("host", "other"))))
                .statusCode(201);
    }

    @Test
    void putChangesTheVersionAndValuesAndPrunesWhatTheNewVersionDropped() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = uniqueName("evolving");
        published(addOn(profile, "1.0.0", manifests("config", "apps", Profiles.documents(configMap("kept"),
                configMap("dropped")))));
        published(addOn(profile, "2.0.0", manifests("config", "apps", Profiles.documents(configMap("kept", "v", "2"),
                configMap("added")))));
        String id = attach(PROJECT, cluster, profile, "1.0.0").statusCode(201).extract().path("id");
        long before = Api.desiredState(cluster).statusCode(200).extract().jsonPath().getLong("revision");

        Api.operator(PROJECT).body(Map.of("version", "2.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(200)
                .body("id", equalTo(id)).body("version", equalTo("2.0.0")).body("generation", equalTo(2))
                .body("status", equalTo("Pending"))
                .body("layers[0].objects.name", equalTo(List.of("kept", "added")));

        JsonPath desired = Api.desiredState(cluster).statusCode(200).extract().jsonPath();
        assertThat(desired.getLong("revision")).isEqualTo(before + 1);
        assertThat(desired.getString("profiles[0].version")).isEqualTo("2.0.0");
        assertThat(desired.getList("removed.objects.name")).containsExactly(List.of("dropped"));
        assertThat(desired.getString("removed[0].profile")).isEqualTo(profile);

        // The same PUT again changes nothing.
        Api.operator(PROJECT).body(Map.of("version", "2.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(200)
                .body("generation", equalTo(2));
        assertThat(Api.desiredState(cluster).extract().jsonPath().getLong("revision")).isEqualTo(before + 1);

        Api.operator(PROJECT).body(Map.of("version", "3.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(404);
        Api.operator(PROJECT).body(Map.of("version", "1.0.0"))
                .put("/api/v1/clusters/" + cluster + "/addons/" + uniqueName("absent")).then().statusCode(404);
    }

    @Test
    void detachingListsTheObjectsAsRemovedForTheAgent() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("detach", "1.0.0", "apps", configMap("one"), configMap("two"));
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(201);

        Api.operator(PROJECT).delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(204);

        attachments(PROJECT, cluster).statusCode(200).body("items", hasSize(0));
        Api.viewer(PROJECT).get("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(404);
        JsonPath desired = Api.desiredState(cluster).statusCode(200).extract().jsonPath();
        assertThat(desired.getList("profiles")).isEmpty();
        assertThat(desired.getString("removed[0].profile")).isEqualTo(profile);
        assertThat(desired.getString("removed[0].layer")).isEqualTo("config");
        assertThat(desired.getList("removed[0].objects.name", String.class)).containsExactlyInAnyOrder("one", "two");
        assertThat(desired.getList("removed[0].objects.namespace", String.class)).containsOnly("apps");

        // Attached again, its objects are wanted again and no longer listed for pruning.
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(201);
        assertThat(Api.desiredState(cluster).extract().jsonPath().getList("removed")).isEmpty();
        Api.operator(PROJECT).delete("/api/v1/clusters/" + cluster + "/addons/" + uniqueName("never"))
                .then().statusCode(404);
    }

    @Test
    void anAttachedVersionCannotBeDeletedUntilDetached() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("pinned", "1.0.0", "apps", configMap("x"));
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(201);

        Api.admin().delete("/api/v1/addon-profiles/" + profile + "/versions/1.0.0").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is attached to 1 cluster"));

        Api.operator(PROJECT).delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(204);
        Api.admin().delete("/api/v1/addon-profiles/" + profile + "/versions/1.0.0").then().statusCode(204);
    }

    @Test
    void attachingAnUnknownVersionIsNotFound() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("known", "1.0.0", "apps", configMap("x"));
        attach(PROJECT, cluster, profile, "1.0.1").statusCode(404)
                .body("detail", containsString("version '1.0.1' not found"));
        attach(PROJECT, cluster, uniqueName("unknown"), "1.0.0").statusCode(404);
        attach(PROJECT, UUID.randomUUID(), profile, "1.0.0").statusCode(404)
                .body("detail", equalTo("Cluster not found"));
    }

    @Test
    void anIdempotencyKeyMakesARetryAnswerTheFirstResult() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("retry", "1.0.0", "apps", configMap("x"));
        String key = UUID.randomUUID().toString();
        String id = Api.operator(PROJECT).header("Idempotency-Key", key).body(Api.attachBody(profile, "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(201).extract().path("id");
        Api.operator(PROJECT).header("Idempotency-Key", key).body(Api.attachBody(profile, "1.0.0", null))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(200).body("id", equalTo(id));
        Api.operator(PROJECT).header("Idempotency-Key", key).body(Api.attachBody(profile, "1.0.0",
                Map.of("config", Map.of("a", 1))))
                .post("/api/v1/clusters/" + cluster + "/addons").then().statusCode(422);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(JsonPath desired, String layer, String kind, String name) {
        List<Map<String, Object>> profiles = desired.getList("profiles");
        for (Map<String, Object> profile : profiles) {
            for (Map<String, Object> l : (List<Map<String, Object>>) profile.get("layers")) {
                if (!layer.equals(l.get("name"))) {
                    continue;
                }
                for (Map<String, Object> object : (List<Map<String, Object>>) l.get("objects")) {
                    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
                    if (kind.equals(object.get("kind")) && name.equals(metadata.get("name"))) {
                        return object;
                    }
                }
            }
        }
        throw new AssertionError("No " + kind + " " + name + " in layer " + layer + " of " + desired.prettify());
    }
}
