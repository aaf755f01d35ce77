package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.publish;
import static io.mooring.addon.support.Profiles.uniqueName;
import static io.mooring.addon.support.Profiles.uploadedChart;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A layer's options: adopting existing objects, and values the profile marks secret. */
@QuarkusTest
class LayerOptionsTest {

    private static final String PROJECT = "options";
    private static final String MASK = "********";

    private static Map<String, Object> adopting(Map<String, Object> layer, Object adopt) {
        Map<String, Object> copy = new LinkedHashMap<>(layer);
        copy.put("adoptExisting", adopt);
        return copy;
    }

    @Test
    void adoptExistingIsValidatedVersionedShownAndCarriedToTheAgent() {
        String name = uniqueName("adopt");
        Map<String, Object> layer = manifests("config", "apps", configMap("existing"));

        publish(addOn(name, "1.0.0", adopting(layer, "perhaps"))).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("layers[0].adoptExisting"));
        publish(addOn(name, "1.0.0", adopting(layer, true))).statusCode(201)
                .body("layers[0].adoptExisting", equalTo(true));
        // Part of the version's content: the same version without it is different content.
        publish(addOn(name, "1.0.0", layer)).statusCode(409);
        publish(addOn(name, "1.1.0", layer)).statusCode(201).body("layers[0].adoptExisting", equalTo(false));
        Api.viewer(PROJECT).get("/api/v1/addon-profiles/" + name + "/versions/1.0.0").then().statusCode(200)
                .body("layers[0].adoptExisting", equalTo(true));

        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        attach(PROJECT, cluster, name, "1.0.0").statusCode(201).body("layers[0].adoptExisting", equalTo(true));
        Api.desiredState(cluster).statusCode(200)
                .body("profiles[0].layers[0].adoptExisting", equalTo(true));
        Api.operator(PROJECT).body(Map.of("version", "1.1.0")).put("/api/v1/clusters/" + cluster + "/addons/" + name)
                .then().statusCode(200);
        Api.desiredState(cluster).statusCode(200)
                .body("profiles[0].layers[0].adoptExisting", equalTo(false));
    }

    @Test
    void secretValuesAreMaskedForViewersAndOperatorsButReachTheAgent() {
        String name = uniqueName("secret");
        Map<String, Object> layer = uploadedChart("db", "apps", "secretive-0.1.0.tgz",
                Map.of("db", Map.of("user", "app", "password", "published-secret")));
        layer.put("secretValues", List.of("db.password"));
        publish(addOn(name, "1.0.0", layer)).statusCode(201)
                .body("layers[0].values.db.password", equalTo(MASK))
                .body("layers[0].values.db.user", equalTo("app"))
                .body("layers[0].secretValues", equalTo(List.of("db.password")));
        Api.viewer(PROJECT).get("/api/v1/addon-profiles/" + name + "/versions/1.0.0").then().statusCode(200)
                .body("layers[0].values.db.password", equalTo(MASK));

        // Rendered output: operators only, and Secret contents masked even for them.
        Api.viewer(PROJECT).get("/api/v1/addon-profiles/" + name + "/versions/1.0.0/rendered").then()
                .statusCode(403).contentType("application/problem+json");
        Api.operator(PROJECT).get("/api/v1/addon-profiles/" + name + "/versions/1.0.0/rendered").then()
                .statusCode(200)
                .body("[0].objects[0].kind", equalTo("Secret"))
                .body("[0].objects[0].stringData.password", equalTo(MASK))
                .body("[0].objects[0].stringData.user", equalTo(MASK));

        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        attach(PROJECT, cluster, name, "1.0.0", Map.of("db", Map.of("db", Map.of("password", "attached-secret"))))
                .statusCode(201).body("values.db.db.password", equalTo(MASK));
        Api.viewer(PROJECT).get("/api/v1/clusters/" + cluster + "/addons/" + name).then().statusCode(200)
                .body("values.db.db.password", equalTo(MASK));
        Api.operator(PROJECT).get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(200)
                .body("items[0].values.db.db.password", equalTo(MASK));
        // The agent gets the real value, rendered into the Secret it applies.
        Api.desiredState(cluster).statusCode(200)
                .body("profiles[0].layers[0].objects[0].stringData.password", equalTo("attached-secret"));
    }

    @Test
    void secretValuesAreValidated() {
        Map<String, Object> chart = uploadedChart("db", "apps", "secretive-0.1.0.tgz", null);
        chart.put("secretValues", List.of("db..password"));
        publish(addOn(uniqueName("secret"), "1.0.0", chart)).statusCode(400)
                .body("errors.field", hasItem("layers[0].secretValues[0]"));
        Map<String, Object> manifest = manifests("config", "apps", configMap("x"));
        manifest.put("secretValues", List.of("password"));
        publish(addOn(uniqueName("secret"), "1.0.0", manifest)).statusCode(400)
                .body("errors.field", hasItem("layers[0].secretValues"));
    }
}
