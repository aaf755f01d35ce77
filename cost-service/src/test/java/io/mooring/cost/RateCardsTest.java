package io.mooring.cost;

import static io.mooring.cost.Inventories.allocation;
import static io.mooring.cost.Inventories.inventory;
import static io.mooring.cost.Inventories.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.events.inventory.Inventory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rate-card API, and that the rates it sets are the ones accrual uses, with their source. */
@QuarkusTest
class RateCardsTest extends CostTestSupport {

    private static final Instant T = Instant.parse("2026-03-04T10:00:00Z");

    private static Inventory m5() {
        return inventory(List.of(node("n1", "m5.large", "us-east-1", 2000, 8, 0), node("n2", null, null, 4000, 16, 0)),
                List.of(allocation("n1", "team-a", "api", 500, 2)));
    }

    @Test
    void theCardIsVisibleToViewersWithItsSourceAndDate() {
        as(TOKENS.viewer("anything")).queryParam("provider", "aws").queryParam("region", "us-east-1")
                .queryParam("instanceType", "M5.LARGE")
                .get("/api/v1/rate-cards/card").then().statusCode(200)
                .body("source", containsString("aws.amazon.com")).body("asOf", equalTo("2026-11-25"))
                .body("currency", equalTo("USD")).body("location", equalTo("built-in")).body("usable", equalTo(true))
                .body("prices", hasSize(1)).body("prices[0].hourly", equalTo(new BigDecimal("0.096")))
                .body("prices[0].vcpus", equalTo(2)).body("unitRates.cpuCoreHour", notNullValue());
        Response all = as(TOKENS.viewer("anything")).get("/api/v1/rate-cards/card").then().statusCode(200).extract()
                .response();
        assertThat(all.jsonPath().getList("prices")).hasSizeGreaterThan(50);
        assertThat(all.jsonPath().getList("prices.provider", String.class)).contains("aws", "azure", "gcp");
    }

    @Test
    void anAdminSeesTheDefaultsTheCardAndEveryOverride() {
        as(TOKENS.admin()).get("/api/v1/rate-cards").then().statusCode(200)
                .body("defaults.currency", equalTo("USD")).body("defaults.source", equalTo("configuration"))
                .body("defaults.cpuCoreHour", equalTo(new BigDecimal("0.031611")))
                .body("cpuMemoryWeight", equalTo("65:35")).body("maxGap", equalTo("PT2H"))
                .body("card.asOf", equalTo("2026-11-25")).body("card.prices", nullValue())
                .body("card.instancePrices", notNullValue());
        as(TOKENS.admin()).get("/api/v1/rate-cards/default").then().statusCode(200)
                .body("source", equalTo("configuration")).body("storageGibMonth", equalTo(new BigDecimal("0.04")));
    }

    @Test
    void overridesChangeTheRatesInForceTheirSourceAndWhatAccrues() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        awaitHandled(Events.imported(cluster, project, "priced", "eks"), Events.inventory(cluster, project, "eks", T, m5()));
        String viewer = TOKENS.viewer(project);

        Response before = as(viewer).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                .body("clusterName", equalTo("priced")).body("cloudType", equalTo("eks")).body("currency", equalTo("USD"))
                .body("unitRates.cpuCoreHour.source", equalTo("INSTALLATION_DEFAULT"))
                .body("card.applies", equalTo(true)).body("nodes", hasSize(2))
                .body("nodes[0].node", equalTo("n1")).body("nodes[0].basis", equalTo("INSTANCE_PRICE"))
                .body("nodes[0].instancePrice.source", equalTo("RATE_CARD"))
                .body("nodes[1].basis", equalTo("UNIT_RATES"))
                .body("nodes[1].reason", containsString("no instance type")).extract().response();
        assertThat(dec(before.path("nodes[0].hourly"))).isEqualByComparingTo("0.096");
        assertThat(dec(before.path("nodes[1].hourly"))).isEqualByComparingTo("0.194236");

        // The project sets a CPU rate; the cluster its own m5.large price and memory rate.
        as(TOKENS.admin()).contentType("application/json").body("{\"cpuCoreHour\": 0.05}")
                .put("/api/v1/rate-cards/projects/{p}", project).then().statusCode(200)
                .body("project", equalTo(project)).body("updatedBy", equalTo("ada-admin"));
        as(TOKENS.admin()).contentType("application/json")
                .body("{\"memoryGibHour\": 0.01, \"instancePrices\": {\"M5.Large\": 0.2}}")
                .put("/api/v1/rate-cards/clusters/{id}", cluster).then().statusCode(200)
                .body("clusterId", equalTo(cluster.toString())).body("clusterName", equalTo("priced"))
                .body("instancePrices.'m5.large'", equalTo(new BigDecimal("0.2")));

        Response after = as(viewer).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                .body("unitRates.cpuCoreHour.source", equalTo("PROJECT_OVERRIDE"))
                .body("unitRates.memoryGibHour.source", equalTo("CLUSTER_OVERRIDE"))
                .body("unitRates.gpuHour.source", equalTo("INSTALLATION_DEFAULT"))
                .body("instancePrices.'m5.large'.source", equalTo("CLUSTER_OVERRIDE"))
                .body("nodes[0].instancePrice.source", equalTo("CLUSTER_OVERRIDE")).extract().response();
        assertThat(dec(after.path("nodes[0].hourly"))).isEqualByComparingTo("0.2");
        // n2 on unit rates: 4 × 0.05 + 16 × 0.01 = 0.36.
        assertThat(dec(after.path("nodes[1].hourly"))).isEqualByComparingTo("0.36");

        // What accrues from now on uses them: two hours of 0.2 + 0.36.
        awaitHandled(Events.inventory(cluster, project, "eks", T.plusSeconds(7200), m5()));
        Response report = as(viewer).queryParam("from", T.toString()).queryParam("to", T.plusSeconds(7200).toString())
                .queryParam("aggregate", "node").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).extract().response();
        assertThat(dec(byName(report).get("n1").get("totalCost"))).isEqualByComparingTo("0.4");
        assertThat(dec(byName(report).get("n2").get("totalCost"))).isEqualByComparingTo("0.72");

        as(TOKENS.admin()).get("/api/v1/rate-cards").then().statusCode(200)
                .body("projects.project", hasItem(project)).body("clusters.clusterId", hasItem(cluster.toString()));
        as(TOKENS.admin()).delete("/api/v1/rate-cards/clusters/{id}", cluster).then().statusCode(204);
        as(TOKENS.admin()).delete("/api/v1/rate-cards/clusters/{id}", cluster).then().statusCode(404);
        as(TOKENS.admin()).delete("/api/v1/rate-cards/projects/{p}", project).then().statusCode(204);
        as(viewer).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                .body("unitRates.cpuCoreHour.source", equalTo("INSTALLATION_DEFAULT"))
                .body("nodes[0].instancePrice.source", equalTo("RATE_CARD"));
    }

    @Test
    void theInstallationRatesAndEverythingAtOnceCanBeReplacedAndRestored() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        awaitHandled(Events.imported(cluster, project, "installation", "gke"),
                Events.inventory(cluster, project, "gke", T, inventory(List.of(node("g1", "e2-standard-4",
                        "us-central1", 4000, 16, 0)), List.of())));
        try {
            as(TOKENS.admin()).contentType("application/json")
                    .body("{\"currency\":\"eur\",\"cpuCoreHour\":0.03,\"memoryGibHour\":0.004,\"gpuHour\":0.9,"
                            + "\"storageGibMonth\":0.05}")
                    .put("/api/v1/rate-cards/default").then().statusCode(200)
                    .body("currency", equalTo("EUR")).body("source", equalTo("api"));
            // The card is in USD: its prices no longer apply, and the rates say why.
            as(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                    .body("currency", equalTo("EUR")).body("card.applies", equalTo(false))
                    .body("card.reason", containsString("not converted"))
                    .body("nodes[0].basis", equalTo("UNIT_RATES"));
            as(TOKENS.admin()).get("/api/v1/rate-cards").then().statusCode(200).body("card.usable", equalTo(false));

            Response all = as(TOKENS.admin()).contentType("application/json")
                    .body("{\"defaults\":{\"currency\":\"USD\",\"cpuCoreHour\":0.02,\"memoryGibHour\":0.003,"
                            + "\"gpuHour\":0.8,\"storageGibMonth\":0.03},"
                            + "\"projects\":{\"" + project + "\":{\"gpuHour\":2}},"
                            + "\"clusters\":{\"" + cluster + "\":{\"instancePrices\":{\"e2-standard-4\":0.1}}}}")
                    .put("/api/v1/rate-cards").then().statusCode(200)
                    .body("projects", hasSize(1)).body("projects[0].project", equalTo(project))
                    .body("clusters", hasSize(1)).body("clusters[0].clusterId", equalTo(cluster.toString()))
                    .extract().response();
            assertThat(dec(all.path("defaults.cpuCoreHour"))).isEqualByComparingTo("0.02");
            assertThat(dec(all.path("projects[0].gpuHour"))).isEqualByComparingTo("2");
            as(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                    .body("unitRates.gpuHour.source", equalTo("PROJECT_OVERRIDE"))
                    .body("nodes[0].instancePrice.source", equalTo("CLUSTER_OVERRIDE"));
        } finally {
            as(TOKENS.admin()).contentType("application/json").body("{}").put("/api/v1/rate-cards")
                    .then().statusCode(200).body("defaults.source", equalTo("configuration"))
                    .body("projects", hasSize(0)).body("clusters", hasSize(0));
        }
        as(TOKENS.admin()).delete("/api/v1/rate-cards/default").then().statusCode(200)
                .body("currency", equalTo("USD")).body("source", equalTo("configuration"));
    }
}
