package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.manifests;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static io.mooring.addon.support.Profiles.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Bombs;
import io.mooring.addon.support.Lifecycle;
import io.mooring.addon.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * YAML that expands through aliases ("billion laughs") is refused before anything expands it, and a caller who
 * may not attach to a cluster does not get its values parsed at all.
 */
@QuarkusTest
class HostileYamlTest {

    private static final String PROJECT = "payments";
    private static final Duration FAST = Duration.ofSeconds(5);

    @Test
    void anAliasBombAttachedToAnUnknownClusterIsNotFoundWithoutBeingParsed() {
        String bomb = Bombs.laughs(24, "");
        assertThat(bomb.length()).isLessThan(3000);

        long start = System.nanoTime();
        attach(PROJECT, UUID.randomUUID(), "any-profile", "1.0.0", Map.of("config", bomb))
                .statusCode(404).contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Test
    void anAliasBombInTheValuesOfAVisibleClusterIsA400NamingTheLayer() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("laughs", "1.0.0", "apps", configMap("settings"));

        long start = System.nanoTime();
        attach(PROJECT, cluster, profile, "1.0.0", Map.of("config", Bombs.laughs(24, "")))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("values.config"))
                .body("errors[0].message", containsString("expands to more than"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
        Api.attachments(PROJECT, cluster).statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void valuesNestedTooDeeplyAsJsonAreA400() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("deep", "1.0.0", "apps", configMap("settings"));
        Map<String, Object> deep = Map.of("leaf", "x");
        for (int i = 0; i < 100; i++) {
            deep = Map.of("n", deep);
        }

        attach(PROJECT, cluster, profile, "1.0.0", Map.of("config", deep))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("values.config"))
                .body("errors[0].message", containsString("nested more than"));
    }

    @Test
    void publishingManifestsWithAnAliasBombIsA400NamingTheLayer() {
        String manifest = configMap("bomb") + "spec:\n" + Bombs.laughs(24, "  ");

        long start = System.nanoTime();
        Profiles.publish(addOn(uniqueName("laughs"), "1.0.0", manifests("bomb", "apps", manifest)))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("layers[0].manifests"))
                .body("errors[0].message", containsString("expands to more than"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }
}
