package io.mooring.addon;

import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.documents;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.publish;
import static io.mooring.addon.support.Profiles.published;
import static io.mooring.addon.support.Profiles.repositoryChart;
import static io.mooring.addon.support.Profiles.uniqueName;
import static io.mooring.addon.support.Profiles.uploadedChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Charts;
import io.mooring.addon.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfilePublishingTest {

    @Test
    void publishesManifestsARepositoryChartAndAnUploadedChartRenderedByHelm() {
        String name = uniqueName("observability");
        JsonPath version = publish(addOn(name, "1.0.0",
                manifests("config", "monitoring", documents(configMap("settings", "level", "info"),
                        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring-extra\n")),
                repositoryChart("collector", "monitoring", "demo", "0.1.0", Map.of("greeting", "from-repo")),
                uploadedChart("uploaded", "monitoring", "demo-0.1.0.tgz", Map.of("replicas", 2))))
                .statusCode(201)
                .header("Location", endsWith("/api/v1/addon-profiles/" + name + "/versions/1.0.0"))
                .contentType("application/json")
                .body("name", equalTo(name))
                .body("version", equalTo("1.0.0"))
                .body("type", equalTo("add-on"))
                .body("createdBy", equalTo("otto-operator"))
                .body("layers", hasSize(3))
                .extract().jsonPath();

        assertThat(version.getList("layers.source", String.class)).containsExactly("manifests", "helm", "helm");
        assertThat(version.getList("layers.order", Integer.class)).containsExactly(0, 1, 2);
        // Manifests: the ConfigMap lands in the layer's namespace, the Namespace is cluster-scoped.
        assertThat(version.getList("layers[0].objects.kind", String.class)).containsExactly("ConfigMap", "Namespace");
        assertThat(version.getString("layers[0].objects[0].namespace")).isEqualTo("monitoring");
        assertThat(version.getString("layers[0].objects[1].namespace")).isNull();
        // The repository chart was rendered by Helm with the release named after the layer, and pinned.
        assertThat(version.getList("layers[1].objects.name", String.class))
                .containsExactlyInAnyOrder("collector-settings", "collector", "collector-monitoring-reader");
        assertThat(version.getString("layers[1].chart.repository")).isEqualTo(Charts.shared().repositoryUrl());
        assertThat(version.getString("layers[1].chart.archiveDigest")).startsWith("sha256:");
        assertThat(version.getMap("layers[1].values")).containsEntry("greeting", "from-repo");
        // The uploaded archive is kept by digest.
        assertThat(version.getString("layers[2].chart.archiveDigest")).startsWith("sha256:");
        assertThat(version.getInt("layers[2].chart.archiveSize"))
                .isEqualTo(Charts.shared().archive("demo-0.1.0.tgz").length);
        assertThat(version.getList("layers[2].objects.name", String.class)).contains("uploaded-settings");

        Api.viewer("p").get("/api/v1/addon-profiles/" + name + "/versions/1.0.0").then().statusCode(200)
                .body("contentHash", equalTo(version.getString("contentHash")))
                .body("layers[0].manifests", containsString("name: settings"))
                .body("layers[1].objects.kind", hasItem("Deployment"));
        // The rendered objects themselves: Helm used the layer's values.
        JsonPath rendered = Api.operator("p").get("/api/v1/addon-profiles/" + name + "/versions/1.0.0/rendered")
                .then().statusCode(200).extract().jsonPath();
        assertThat(rendered.getList("name", String.class)).containsExactly("config", "collector", "uploaded");
        assertThat(rendered.getString("find { it.name == 'collector' }.objects.find { it.kind == 'ConfigMap' }"
                + ".data.greeting")).isEqualTo("from-repo");
        assertThat(rendered.getInt("find { it.name == 'uploaded' }.objects.find { it.kind == 'Deployment' }"
                + ".spec.replicas")).isEqualTo(2);
    }

    @Test
    void publishingTheSameVersionAgainIsIdempotentButDifferentContentIsRefused() {
        String name = uniqueName("immutable");
        Map<String, Object> body = addOn(name, "2.1.0", manifests("config", "apps", configMap("a", "k", "v")));
        String hash = publish(body).statusCode(201).extract().path("contentHash");

        publish(body).statusCode(200).body("contentHash", equalTo(hash)).body("version", equalTo("2.1.0"));

        publish(addOn(name, "2.1.0", manifests("config", "apps", configMap("a", "k", "changed"))))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already published with different content"));
        Api.viewer("p").get("/api/v1/addon-profiles/" + name).then().statusCode(200)
                .body("versionCount", equalTo(1)).body("latestVersion", equalTo("2.1.0"));
    }

    @Test
    void aManifestThatIsNotAKubernetesObjectNamesTheLayerTheDocumentAndTheLine() {
        String yaml = documents(configMap("fine"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n"
                + "    a: b\ndata: {}\n");
        publish(addOn(uniqueName("bad"), "1.0.0", manifests("settings", "apps", yaml)))
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("layer 'settings': document 2 (line 8): metadata.name is missing"))
                .body("errors[0].field", equalTo("layers[0].manifests"));

        publish(addOn(uniqueName("bad"), "1.0.0", manifests("settings", "apps",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indentation\n")))
                .statusCode(400)
                .body("detail", startsWith("layer 'settings': document 1 (line 5): not valid YAML"));

        publish(addOn(uniqueName("bad"), "1.0.0", manifests("settings", "apps",
                documents(configMap("one"), "just a string\n"))))
                .statusCode(400)
                .body("detail", containsString("document 2 (line 8): is not a Kubernetes object"));

        publish(addOn(uniqueName("bad"), "1.0.0", manifests("settings", "apps",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n")))
                .statusCode(400)
                .body("detail", containsString("document 1 (line 1): Deployment 'web' does not match the Kubernetes "
                        + "model: spec.replicas"));
    }

    @Test
    void aChartThatDoesNotRenderIsRefusedWithHelmsMessage() {
        publish(addOn(uniqueName("broken"), "1.0.0", uploadedChart("db", "data", "broken-0.2.0.tgz", null)))
                .statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("layer 'db': the chart did not render: execution error at "
                        + "(broken/templates/secret.yaml:6:"))
                .body("detail", containsString("database.host is required"))
                .body("errors[0].field", equalTo("layers[0].chart"));

        // The same chart from the repository renders once the values say what it requires.
        publish(addOn(uniqueName("fixed"), "1.0.0", repositoryChart("db", "data", "broken", "0.2.0",
                Map.of("database", Map.of("host", "db.internal"))))).statusCode(201)
                .body("layers[0].objects[0].name", equalTo("db-database"));
    }

    @Test
    void anOciChartIsPulledAndRenderedByHelm() {
        publish(addOn(uniqueName("oci"), "1.0.0", Profiles.chart("app", "apps",
                Map.of("oci", Charts.shared().ociReference(), "version", "0.1.0"), Map.of("greeting", "oci"))))
                .statusCode(201)
                .body("layers[0].chart.oci", equalTo(Charts.shared().ociReference()))
                .body("layers[0].objects.name", hasItem("app-settings"));

        publish(addOn(uniqueName("oci"), "1.0.0", Profiles.chart("app", "apps",
                Map.of("oci", "oci://127.0.0.1:1/charts/demo", "version", "0.1.0"), null)))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("127.0.0.1:1"));
    }

    @Test
    void aChartMissingFromTheRepositoryIsUnavailable() {
        publish(addOn(uniqueName("missing"), "1.0.0", repositoryChart("x", "apps", "demo", "9.9.9", null)))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("chart 'demo' has no version 9.9.9"));
    }

    @Test
    void valuesMayBeGivenAsYaml() {
        Map<String, Object> layer = new LinkedHashMap<>(Profiles.chart("web", "apps",
                Map.of("archive", Charts.shared().archiveBase64("demo-0.1.0.tgz")), null));
        layer.put("values", "extraConfig: true\ngreeting: hi\n");
        publish(addOn(uniqueName("yaml-values"), "1.0.0", layer)).statusCode(201)
                .body("layers[0].objects.name", hasItem("web-extra"))
                .body("layers[0].values.greeting", equalTo("hi"));
        layer.put("values", "- not\n- a mapping\n");
        publish(addOn(uniqueName("yaml-values"), "1.0.0", layer)).statusCode(400)
                .body("errors[0].field", equalTo("layers[0].values"));
    }

    @Test
    void invalidProfilesAreRefusedWithTheFields() {
        publish(Map.of("name", "Not A Name", "version", "1.0", "type", "cluster", "layers", List.of()))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("type"));
        publish(Profiles.profile("Not_A_Name", "one", "add-on", List.of(Map.of("name", "x"))))
                .statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("layers[0].namespace"));
        publish(addOn(uniqueName("semver"), "1.0", manifests("config", "apps", configMap("a"))))
                .statusCode(400).body("errors[0].field", equalTo("version"));
        publish(addOn(uniqueName("both"), "1.0.0", Map.of("name", "l", "namespace", "apps", "manifests",
                configMap("a"), "chart", Map.of("archive", "AAAA")))).statusCode(400)
                .body("errors[0].field", equalTo("layers[0]"));
        publish(addOn(uniqueName("values"), "1.0.0", Map.of("name", "l", "namespace", "apps", "manifests",
                configMap("a"), "values", Map.of("a", 1)))).statusCode(400)
                .body("errors[0].field", equalTo("layers[0].values"));
        publish(addOn(uniqueName("sources"), "1.0.0", Profiles.chart("l", "apps", Map.of("repository",
                "ftp://example.com/charts", "name", "demo", "version", "1.0.0", "oci", "oci://r/x"), null)))
                .statusCode(400).body("errors[0].field", equalTo("layers[0].chart"));
        publish(addOn(uniqueName("nourl"), "1.0.0", Profiles.chart("l", "apps", Map.of("repository",
                "ftp://example.com/charts", "name", "demo", "version", "1.0.0"), null)))
                .statusCode(400).body("errors[0].field", equalTo("layers[0].chart.repository"));
        publish(addOn(uniqueName("notgz"), "1.0.0", Profiles.chart("l", "apps", Map.of("archive",
                Base64.getEncoder().encodeToString("not a chart".getBytes())), null)))
                .statusCode(400).body("errors[0].field", equalTo("layers[0].chart.archive"));
        publish(addOn(uniqueName("dup"), "1.0.0", manifests("same", "apps", configMap("a")),
                manifests("same", "apps", configMap("b")))).statusCode(400)
                .body("errors[0].field", equalTo("layers[1].name"));
        publish(addOn(uniqueName("overlap"), "1.0.0", manifests("one", "apps", configMap("a")),
                manifests("two", "apps", configMap("a")))).statusCode(400)
                .body("detail", containsString("ConfigMap apps/a (v1) is defined twice"));
    }

    @Test
    void aChartArchiveOverTheLimitIsTooLarge() {
        byte[] big = new byte[300 * 1024];
        big[0] = 0x1f;
        big[1] = (byte) 0x8b;
        publish(addOn(uniqueName("big"), "1.0.0", Profiles.chart("l", "apps",
                Map.of("archive", Base64.getEncoder().encodeToString(big)), null)))
                .statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("limit is 262144 bytes"));
    }

    @Test
    void aProfileKeepsItsTypeAcrossVersions() {
        String name = uniqueName("typed");
        published(addOn(name, "1.0.0", manifests("config", "apps", configMap("a"))));
        publish(Profiles.profile(name, "1.1.0", "infrastructure", List.of(manifests("config", "apps",
                configMap("a"))))).statusCode(409).body("detail", containsString("all its versions have that type"));
    }

    @Test
    void profilesAreListedWithFiltersAndCursorsAndVersionsInSemanticOrder() {
        String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 6);
        for (String version : List.of("1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1", "2.0.0-alpha", "1.2.0-rc.10",
                "1.2.0-rc.9")) {
            published(addOn(prefix + "-a", version, manifests("config", "apps", configMap("a", "v", version))));
        }
        published(addOn(prefix + "-b", "1.0.0", manifests("config", "apps", configMap("b"))));
        published(Profiles.profile(prefix + "-c", "1.0.0", "infrastructure",
                List.of(manifests("config", "apps", configMap("c")))));

        JsonPath first = Api.viewer("p").queryParam("name", prefix).queryParam("limit", 2)
                .get("/api/v1/addon-profiles").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.name", String.class)).containsExactly(prefix + "-a", prefix + "-b");
        assertThat(first.getString("items[0].latestVersion")).isEqualTo("2.0.0-rc.1");
        assertThat(first.getInt("items[0].versionCount")).isEqualTo(7);
        Api.viewer("p").queryParam("name", prefix).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/addon-profiles").then().statusCode(200)
                .body("items.name", equalTo(List.of(prefix + "-c")))
                .body("nextCursor", nullValue());
        Api.viewer("p").queryParam("name", prefix).queryParam("type", "infrastructure")
                .get("/api/v1/addon-profiles").then().statusCode(200)
                .body("items.name", equalTo(List.of(prefix + "-c")));

        JsonPath versions = Api.viewer("p").queryParam("limit", 4)
                .get("/api/v1/addon-profiles/" + prefix + "-a/versions").then().statusCode(200)
                .extract().jsonPath();
        JsonPath rest = Api.viewer("p").queryParam("limit", 4).queryParam("cursor", versions.getString("nextCursor"))
                .get("/api/v1/addon-profiles/" + prefix + "-a/versions").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().jsonPath();
        List<String> all = new ArrayList<>(versions.getList("items.version", String.class));
        all.addAll(rest.getList("items.version", String.class));
        assertThat(all).containsExactly("2.0.0-rc.1", "2.0.0-alpha", "1.10.0", "1.2.0", "1.2.0-rc.10", "1.2.0-rc.9",
                "1.0.0");

        Api.viewer("p").queryParam("cursor", "garbage!").get("/api/v1/addon-profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        // A cursor is signed: one a client builds itself (the old unsigned format) or edits is refused.
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("c1\n" + prefix + "-a").getBytes(StandardCharsets.UTF_8));
        Api.viewer("p").queryParam("name", prefix).queryParam("cursor", forged).get("/api/v1/addon-profiles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        String issued = first.getString("nextCursor");
        String edited = issued.substring(0, 3) + (issued.charAt(3) == 'A' ? 'B' : 'A') + issued.substring(4);
        Api.viewer("p").queryParam("name", prefix).queryParam("cursor", edited).get("/api/v1/addon-profiles")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        // Nor does a cursor of one list continue another.
        Api.viewer("p").queryParam("cursor", issued).get("/api/v1/addon-profiles/" + prefix + "-a/versions")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        Api.viewer("p").queryParam("type", "cluster").get("/api/v1/addon-profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        Api.viewer("p").queryParam("limit", 1000).get("/api/v1/addon-profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        Api.viewer("p").get("/api/v1/addon-profiles/" + prefix + "-zzz").then().statusCode(404)
                .contentType("application/problem+json");
        Api.viewer("p").get("/api/v1/addon-profiles/" + prefix + "-a/versions/3.0.0").then().statusCode(404);
    }

    @Test
    void anUnattachedVersionCanBeDeletedByAnAdmin() {
        String name = uniqueName("deletable");
        published(addOn(name, "1.0.0", manifests("config", "apps", configMap("a"))));
        published(addOn(name, "1.1.0", manifests("config", "apps", configMap("a", "v", "2"))));

        Api.operator("p").delete("/api/v1/addon-profiles/" + name + "/versions/1.1.0").then().statusCode(403);
        Api.admin().delete("/api/v1/addon-profiles/" + name + "/versions/1.1.0").then().statusCode(204);
        Api.viewer("p").get("/api/v1/addon-profiles/" + name + "/versions/1.1.0").then().statusCode(404);
        Api.viewer("p").get("/api/v1/addon-profiles/" + name).then().statusCode(200)
                .body("latestVersion", equalTo("1.0.0")).body("versionCount", equalTo(1));
        Api.admin().delete("/api/v1/addon-profiles/" + name + "/versions/1.1.0").then().statusCode(404);
        Api.admin().delete("/api/v1/addon-profiles/" + name + "/versions/1.0.0").then().statusCode(204);
        Api.viewer("p").get("/api/v1/addon-profiles/" + name).then().statusCode(404);
    }
}
