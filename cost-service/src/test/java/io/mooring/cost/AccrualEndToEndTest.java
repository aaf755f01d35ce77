package io.mooring.cost;

import static io.mooring.cost.Inventories.allocation;
import static io.mooring.cost.Inventories.inventory;
import static io.mooring.cost.Inventories.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mooring.events.inventory.Inventory;
import io.mooring.events.payload.InventoryReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

/** Inventories through the real broker into cost, and cost back out of the API, by hand-computed figures. */
@QuarkusTest
class AccrualEndToEndTest extends CostTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    /**
     * An m5.large (2 cores, 8 GiB) at the card's us-east-1 price of 0.096 an hour, observed at 10:00 and 12:00:
     * exactly 2 h, 0.192. team-a requests 25 % of CPU and memory: 0.096 × 2 × 0.25 = 0.048, of which CPU (65 %)
     * 0.0312 and memory 0.0168; team-b 50 %: 0.096; idle, the remaining 25 %: 0.048.
     */
    private static Inventory knownNode() {
        return inventory(List.of(node("ip-10-0-0-1", "m5.large", "us-east-1", 2000, 8, 0)),
                List.of(allocation("ip-10-0-0-1", "team-a", "api", 500, 2),
                        allocation("ip-10-0-0-1", "team-b", "web", 1000, 4)));
    }

    private UUID twoHours(UUID cluster, String project) {
        awaitHandled(Events.imported(cluster, project, "known-node", "eks"),
                Events.inventory(cluster, project, "eks", T0, knownNode()),
                Events.inventory(cluster, project, "eks", T0.plusSeconds(7200), knownNode()));
        return cluster;
    }

    private static Response report(UUID cluster, String token, String aggregate) {
        return as(token).queryParam("from", T0.toString()).queryParam("to", T0.plusSeconds(7200).toString())
                .queryParam("aggregate", aggregate)
                .get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).contentType("application/json").extract().response();
    }

    @Test
    void aNodeOfKnownPriceForTwoHoursIsSplitBetweenNamespacesAndIdleExactly() {
        String project = project();
        UUID cluster = twoHours(UUID.randomUUID(), project);

        Response report = report(cluster, TOKENS.viewer(project), "namespace");
        report.then().body("clusterId", equalTo(cluster.toString()))
                .body("from", equalTo("2026-03-02T10:00:00Z")).body("to", equalTo("2026-03-02T12:00:00Z"))
                .body("aggregate", equalTo("namespace")).body("rows", hasSize(3));
        Map<String, Map<String, Object>> rows = byName(report);
        assertThat(dec(rows.get("team-a").get("totalCost"))).isEqualByComparingTo("0.048");
        assertThat(dec(rows.get("team-a").get("cpuCost"))).isEqualByComparingTo("0.0312");
        assertThat(dec(rows.get("team-a").get("memoryCost"))).isEqualByComparingTo("0.0168");
        assertThat(dec(rows.get("team-a").get("idleCost"))).isEqualByComparingTo("0");
        assertThat(dec(rows.get("team-b").get("totalCost"))).isEqualByComparingTo("0.096");
        assertThat(dec(rows.get("team-b").get("cpuCost"))).isEqualByComparingTo("0.0624");
        assertThat(dec(rows.get("__idle__").get("totalCost"))).isEqualByComparingTo("0.048");
        assertThat(dec(rows.get("__idle__").get("idleCost"))).isEqualByComparingTo("0.048");
        // No metrics: requests stand in for usage, so the namespaces use all they pay for, the idle part nothing.
        assertThat(dec(rows.get("team-a").get("efficiency"))).isEqualByComparingTo("1");
        assertThat(dec(rows.get("__idle__").get("efficiency"))).isEqualByComparingTo("0");
        // 2 cores × 2 h × 25 % = 1 core-hour; 8 GiB × 2 h × 25 % = 4 GiB-hours.
        assertThat(dec(rows.get("team-a").get("cpuCoreHours"))).isEqualByComparingTo("1");
        assertThat(dec(rows.get("team-a").get("memoryGibHours"))).isEqualByComparingTo("4");

        report.then().body("totals", hasSize(1)).body("totals[0].currency", equalTo("USD"));
        assertThat(dec(report.path("totals[0].totalCost"))).isEqualByComparingTo("0.192");
        assertThat(dec(report.path("totals[0].idleCost"))).isEqualByComparingTo("0.048");
        assertThat(dec(report.path("totals[0].efficiency"))).isEqualByComparingTo("0.75");

        Response byNode = report(cluster, TOKENS.viewer(project), "node");
        Map<String, Object> node = byName(byNode).get("ip-10-0-0-1");
        assertThat(dec(node.get("totalCost"))).isEqualByComparingTo("0.192");
        assertThat(dec(node.get("idleCost"))).isEqualByComparingTo("0.048");
        assertThat(dec(node.get("efficiency"))).isEqualByComparingTo("0.75");
    }

    @Test
    void anAccrualPublishesTheClustersMonthToDateCostForBudgets() throws Exception {
        String project = project();
        UUID cluster = UUID.randomUUID();
        try (TopicReader reader = TopicReader.of(Topics.CLUSTER_COST)) {
            twoHours(cluster, project);

            var record = reader.awaitOne(cluster.toString(), EventType.COST_ACCRUED.type());
            var payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
            assertThat(payload.get("project").asText()).isEqualTo(project);
            assertThat(payload.get("month").asText()).isEqualTo("2026-03");
            // The two hours of the m5.large at 0.096 an hour: all the cluster cost this month.
            assertThat(payload.get("monthToDate").decimalValue()).isEqualByComparingTo("0.192");
            assertThat(payload.get("currency").asText()).isEqualTo("USD");
            assertThat(payload.get("occurredAt").asText()).isEqualTo("2026-03-02T12:00:00Z");
        }
    }

    @Test
    void anInventoryFromTheFutureCannotStopTheAccrualOfLaterNormalOnes() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        Instant recent = Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(3 * 3600);
        awaitHandled(Events.imported(cluster, project, "future", "eks"));
        UUID future = Events.inventory(cluster, project, "eks", recent.plus(Duration.ofDays(3 * 365)),
                knownNode());
        // Refused for good: parked with its reason, where an admin sees it, and not accrued.
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "select count(*) from mooring_dead_letter where event_id = $1 and error like '%clock skew%'",
                future) == 1);

        awaitHandled(Events.inventory(cluster, project, "eks", recent, knownNode()),
                Events.inventory(cluster, project, "eks", recent.plusSeconds(7200), knownNode()));

        assertThat(count("select count(*) from cost_inventory where cluster_id = $1", cluster)).isEqualTo(2);
        assertThat(count("select count(*) from cost_inventory where cluster_id = $1 and observed_at > now()", cluster))
                .isZero();
        // The two normal inventories accrue two hours of the known node: 0.192, split as always.
        Response report = as(TOKENS.viewer(project)).queryParam("from", recent.toString())
                .queryParam("to", recent.plusSeconds(7200).toString()).queryParam("aggregate", "namespace")
                .get("/api/v1/clusters/{id}/cost", cluster).then().statusCode(200).extract().response();
        assertThat(dec(report.path("totals[0].totalCost"))).isEqualByComparingTo("0.192");
    }

    @Test
    void aReplayedInventoryCountsOnceWhetherRedeliveredOrRepublishedUnderANewId() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        awaitHandled(Events.imported(cluster, project, "replays", "eks"),
                Events.inventory(cluster, project, "eks", T0, knownNode()));
        InventoryReported second = Events.inventoryReported(cluster, project, "eks", T0.plusSeconds(7200), knownNode());
        UUID secondId = UUID.randomUUID();
        awaitHandled(Events.send(secondId, second));

        // The same event again (a redelivery), the same inventory under a new event id (a republication),
        // and an older inventory arriving late: none of them changes anything.
        Inventory older = inventory(List.of(node("ip-10-0-0-1", "m5.large", "us-east-1", 2000, 8, 0)), List.of());
        awaitHandled(Events.send(secondId, second), Events.send(UUID.randomUUID(), second),
                Events.inventory(cluster, project, "eks", T0.plusSeconds(3600), older));

        Response report = report(cluster, TOKENS.viewer(project), "namespace");
        assertThat(dec(report.path("totals[0].totalCost"))).isEqualByComparingTo("0.192");
        assertThat(dec(byName(report).get("team-a").get("totalCost"))).isEqualByComparingTo("0.048");
        assertThat(count("select count(*) from cost_inventory where cluster_id = $1", cluster)).isEqualTo(2);
        // Two hours × (two workloads + idle) lines, once.
        assertThat(count("select count(*) from cost_line where cluster_id = $1", cluster)).isEqualTo(6);
    }

    @Test
    void aPartialHourCostsItsFractionAndAnInventoryBeforeTheImportEventStillCounts() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        // The inventory topic may run ahead of the lifecycle topic: the cluster is known from its inventory.
        awaitHandled(Events.inventory(cluster, project, "eks", T0, knownNode()),
                Events.inventory(cluster, project, "eks", T0.plusSeconds(1200), knownNode()));
        awaitHandled(Events.imported(cluster, project, "late-import", "eks"));

        // 20 minutes of 0.096 an hour: 0.032; team-a 25 % of it.
        Response report = as(TOKENS.viewer(project)).queryParam("from", "2026-03-02T10:00:00Z")
                .queryParam("to", "2026-03-02T11:00:00Z").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).extract().response();
        assertThat(dec(report.path("totals[0].totalCost"))).isEqualByComparingTo("0.032");
        assertThat(dec(byName(report).get("team-a").get("totalCost"))).isEqualByComparingTo("0.008");

        as(TOKENS.viewer(project)).queryParam("from", "2026-03-02T10:00:00Z").queryParam("to", "2026-03-02T11:00:00Z")
                .queryParam("aggregate", "cluster").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).body("rows[0].properties.clusterName", equalTo("late-import"))
                .body("rows[0].properties.provider", equalTo("aws"))
                .body("rows[0].properties.cloudType", equalTo("eks"));
    }

    @Test
    void aDeletedClusterKeepsItsHistoryMarkedDeletedAndAccruesNoMore() {
        String project = project();
        UUID cluster = twoHours(UUID.randomUUID(), project);
        awaitHandled(Events.deleted(cluster, project, T0.plusSeconds(3 * 3600)));
        // Observed after the deletion: not billed.
        awaitHandled(Events.inventory(cluster, project, "eks", T0.plusSeconds(4 * 3600), knownNode()));

        Response report = as(TOKENS.viewer(project)).queryParam("from", T0.toString())
                .queryParam("to", T0.plusSeconds(6 * 3600).toString()).queryParam("aggregate", "cluster")
                .get("/api/v1/clusters/{id}/cost", cluster).then().statusCode(200).extract().response();
        assertThat(dec(report.path("totals[0].totalCost"))).isEqualByComparingTo("0.192");
        report.then().body("rows[0].properties.deleted", equalTo("true"));

        Response fleet = as(TOKENS.viewer(project)).queryParam("from", T0.toString())
                .queryParam("to", T0.plusSeconds(6 * 3600).toString())
                .get("/api/v1/fleet/cost").then().statusCode(200).extract().response();
        fleet.then().body("rows", hasSize(1)).body("rows[0].name", equalTo(cluster.toString()))
                .body("rows[0].properties.deleted", equalTo("true"));
        assertThat(dec(fleet.path("totals[0].totalCost"))).isEqualByComparingTo("0.192");
        as(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/rates", cluster).then().statusCode(200)
                .body("deleted", equalTo(true));
    }
}
