package io.mooring.addon;

import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.chart;
import static io.mooring.addon.support.Profiles.publish;
import static io.mooring.addon.support.Profiles.uniqueName;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.addon.support.Charts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installation's rule on chart hosts, as configured in production: no private addresses, an allow-list. */
@QuarkusTest
@TestProfile(ChartHostRuleTest.ProductionRule.class)
class ChartHostRuleTest {

    public static class ProductionRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.addon.charts.allow-private-addresses", "false",
                    "mooring.addon.charts.allowed-hosts", "localhost,*.charts.example");
        }
    }

    private static String onLocalhost(String url) {
        return url.replace("127.0.0.1", "localhost");
    }

    @Test
    void aChartRepositoryThatResolvesToLoopbackIsNeverCalled() {
        publish(addOn(uniqueName("loopback"), "1.0.0", chart("l", "apps", Map.of("repository",
                onLocalhost(Charts.shared().repositoryUrl()), "name", "demo", "version", "0.1.0"), null)))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("resolves to 127.0.0.1, an address that is not public"));
    }

    @Test
    void anOciRegistryThatResolvesToLoopbackIsNeverCalled() {
        publish(addOn(uniqueName("oci-loopback"), "1.0.0", chart("l", "apps", Map.of("oci",
                onLocalhost(Charts.shared().ociReference()), "version", "0.1.0"), null)))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("not public"));
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedWhenTheProfileIsPublished() {
        publish(addOn(uniqueName("unlisted"), "1.0.0", chart("l", "apps", Map.of("repository",
                "https://169.254.169.254/latest/meta-data/", "name", "demo", "version", "0.1.0"), null)))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("layers[0].chart.repository"))
                .body("errors[0].message", containsString("not among the chart hosts"));
    }
}
