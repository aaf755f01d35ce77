package io.mooring.cost;

import static io.mooring.cost.Inventories.allocation;
import static io.mooring.cost.Inventories.inventory;
import static io.mooring.cost.Inventories.namespace;
import static io.mooring.cost.Inventories.node;
import static io.mooring.cost.Inventories.volume;
import static io.mooring.cost.Inventories.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Resources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every aggregation, both formats, fleet scoping and windows, over cost accrued through the broker. */
@QuarkusTest
class ReportsTest extends CostTestSupport {

    private static final Instant T = Instant.parse("2026-03-03T08:00:00Z");
    private static final long GIB = Inventories.GIB;

    /**
     * One hour of: n1, an m5.large at 0.096; n2, a node that reports no instance type, on unit rates
     * 4 × 0.031611 + 16 × 0.004237 = 0.194236; a 73 GiB claim at 0.04 a GiB-month: 73 × 0.04 / 730 = 0.004.
     * Total 0.294236. Labels: team-a is team=alpha, team-b team=beta but its web workload says team=gamma,
     * kube-system has no team.
     */
    private static Inventory rich() {
        return inventory(
                List.of(node("n1", "m5.large", "us-east-1", 2000, 8, 0), node("n2", null, null, 4000, 16, 0)),
                List.of(allocation("n1", "team-a", "api", 500, 2),
                        allocation("n1", "team-b", "web", 1000, 4),
                        allocation("n2", "team-b", "web", 1000, 4),
                        allocation("n2", "kube-system", "DaemonSet", "proxy", new Resources(100, GIB / 2, 0, 1),
                                new Resources(300, GIB, 0, 1))),
                List.of(volume("team-a", "data", 73)),
                List.of(namespace("team-a", Map.of("team", "alpha")), namespace("team-b", Map.of("team", "beta")),
                        namespace("kube-system", Map.of())),
                List.of(workload("team-b", "web", Map.of("team", "gamma"))));
    }

    private UUID richCluster(String project, String name) {
        UUID cluster = UUID.randomUUID();
        awaitHandled(Events.imported(cluster, project, name, "eks"),
                Events.inventory(cluster, project, "eks", T, rich()),
                Events.inventory(cluster, project, "eks", T.plusSeconds(3600), rich()));
        return cluster;
    }

    private static Response report(String token, String path, String aggregate, String accept, Object... pathParams) {
        var request = as(token).queryParam("from", T.toString()).queryParam("to", T.plusSeconds(3600).toString());
        if (aggregate != null) {
            request.queryParam("aggregate", aggregate);
        }
        if (accept != null) {
            request.accept(accept);
        }
        return request.get(path, pathParams).then().statusCode(200).extract().response();
    }

    private static BigDecimal sumOfRows(Response report) {
        List<Object> totals = report.jsonPath().getList("rows.totalCost");
        return totals.stream().map(CostTestSupport::dec).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void everyAggregationOfOneClusterAddsUpToItsTotal() {
        String project = project();
        UUID cluster = richCluster(project, "rich");
        String viewer = TOKENS.viewer(project);
        String path = "/api/v1/clusters/{id}/cost";

        Map<String, List<String>> expectedNames = Map.of(
                "namespace", List.of("__idle__", "kube-system", "team-a", "team-b"),
                "node", List.of("__storage__", "n1", "n2"),
                "workload", List.of("__idle__", "kube-system/DaemonSet/proxy", "team-a/Deployment/api",
                        "team-a/PersistentVolumeClaim/data", "team-b/Deployment/web"),
                "label:team", List.of("__idle__", "__unallocated__", "alpha", "gamma"),
                "cluster", List.of(cluster.toString()),
                "project", List.of(project),
                "provider", List.of("aws"));
        for (Map.Entry<String, List<String>> expected : expectedNames.entrySet()) {
            Response json = report(viewer, path, expected.getKey(), null, cluster);
            assertThat(byName(json).keySet()).as(expected.getKey()).containsExactlyElementsOf(expected.getValue());
            assertThat(sumOfRows(json)).as(expected.getKey()).isEqualByComparingTo("0.294236");
            assertThat(dec(json.path("totals[0].totalCost"))).as(expected.getKey()).isEqualByComparingTo("0.294236");

            // The CSV says the same, row for row.
            Response csv = report(viewer, path, expected.getKey(), "text/csv", cluster);
            assertThat(csv.contentType()).startsWith("text/csv");
            List<Map<String, String>> rows = Csv.parse(csv.asString());
            assertThat(rows).hasSize(expected.getValue().size());
            Map<String, Map<String, Object>> jsonRows = byName(json);
            for (Map<String, String> row : rows) {
                Map<String, Object> twin = jsonRows.get(row.get("name"));
                assertThat(twin).as(row.get("name")).isNotNull();
                assertThat(new BigDecimal(row.get("total_cost"))).isEqualByComparingTo(dec(twin.get("totalCost")));
                assertThat(new BigDecimal(row.get("idle_cost"))).isEqualByComparingTo(dec(twin.get("idleCost")));
                assertThat(row.get("start")).isEqualTo(T.toString());
                assertThat(row.get("currency")).isEqualTo("USD");
            }
        }

        Map<String, Map<String, Object>> nodes = byName(report(viewer, path, "node", null, cluster));
        assertThat(dec(nodes.get("n1").get("totalCost"))).isEqualByComparingTo("0.096");
        assertThat(dec(nodes.get("n2").get("totalCost"))).isEqualByComparingTo("0.194236");
        assertThat(dec(nodes.get("__storage__").get("storageCost"))).isEqualByComparingTo("0.004");

        Map<String, Map<String, Object>> labels = byName(report(viewer, path, "label:team", null, cluster));
        // alpha: team-a's api (25 % of n1: 0.024) and its claim (0.004).
        assertThat(dec(labels.get("alpha").get("totalCost"))).isEqualByComparingTo("0.028");
        // gamma: web on n1 (50 %: 0.048) and on n2 (25 % of CPU and memory: 0.048559).
        assertThat(dec(labels.get("gamma").get("totalCost"))).isEqualByComparingTo("0.096559");
        assertThat(labels.get("gamma")).extracting("properties").extracting("labelValue").isEqualTo("gamma");

        // kube-system's proxy uses more than it requests: 300m of 4 cores, 1 of 16 GiB; usage is its cost.
        Map<String, Map<String, Object>> namespaces = byName(report(viewer, path, "namespace", null, cluster));
        assertThat(dec(namespaces.get("kube-system").get("totalCost"))).isGreaterThan(BigDecimal.ZERO);
        assertThat(dec(namespaces.get("kube-system").get("efficiency"))).isEqualByComparingTo("1");

        // The OpenCost-shaped view of the same.
        as(viewer).queryParam("from", T.toString()).queryParam("to", T.plusSeconds(3600).toString())
                .get("/api/v1/clusters/{id}/cost/allocation", cluster)
                .then().statusCode(200).body("code", equalTo(200)).body("data", hasSize(1))
                .body("data[0].'team-a'.properties.namespace", equalTo("team-a"))
                .body("data[0].'team-a'.properties.cluster", equalTo(cluster.toString()));
    }

    @Test
    void fleetReportsAreScopedToTheCallersProjects() {
        String alpha = project();
        String beta = project();
        UUID a = richCluster(alpha, "a");
        UUID b = richCluster(beta, "b");
        String path = "/api/v1/fleet/cost";

        Response onlyAlpha = report(TOKENS.viewer(alpha), path, null, null);
        onlyAlpha.then().body("aggregate", equalTo("cluster")).body("rows", hasSize(1))
                .body("rows[0].name", equalTo(a.toString())).body("rows[0].properties.clusterName", equalTo("a"))
                .body("rows[0].properties.project", equalTo(alpha));

        Response both = report(TOKENS.viewer(alpha, beta), path, "project", null);
        assertThat(byName(both).keySet()).containsExactlyInAnyOrder(alpha, beta);
        assertThat(dec(both.path("totals[0].totalCost"))).isEqualByComparingTo("0.588472");

        // An admin sees every project; narrowed to two, by every aggregation, in both formats.
        for (String aggregate : List.of("cluster", "project", "provider", "namespace", "node", "workload", "label:team")) {
            Response json = as(TOKENS.admin()).queryParam("from", T.toString())
                    .queryParam("to", T.plusSeconds(3600).toString()).queryParam("aggregate", aggregate)
                    .queryParam("project", alpha, beta).get(path).then().statusCode(200).extract().response();
            assertThat(sumOfRows(json)).as(aggregate).isEqualByComparingTo("0.588472");
            String csv = as(TOKENS.admin()).queryParam("from", T.toString())
                    .queryParam("to", T.plusSeconds(3600).toString()).queryParam("aggregate", aggregate)
                    .queryParam("project", alpha, beta).queryParam("format", "csv").get(path)
                    .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            BigDecimal csvTotal = Csv.parse(csv).stream().map(r -> new BigDecimal(r.get("total_cost")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(csvTotal).as(aggregate).isEqualByComparingTo("0.588472");
        }
        // Nodes of different clusters stay apart in the fleet; namespaces of the same name add up.
        Response nodes = as(TOKENS.admin()).queryParam("from", T.toString())
                .queryParam("to", T.plusSeconds(3600).toString()).queryParam("aggregate", "node")
                .queryParam("project", alpha, beta).get(path).then().statusCode(200).extract().response();
        assertThat(byName(nodes)).containsKeys(a + "/n1", b + "/n1");
        Response namespaces = as(TOKENS.admin()).queryParam("from", T.toString())
                .queryParam("to", T.plusSeconds(3600).toString()).queryParam("aggregate", "namespace")
                .queryParam("project", alpha, beta).get(path).then().statusCode(200).extract().response();
        assertThat(byName(namespaces)).hasSize(4);

        // A project the caller cannot see is not found, like its clusters; neither is the other's cluster.
        as(TOKENS.viewer(alpha)).queryParam("project", beta).get(path).then().statusCode(404)
                .contentType("application/problem+json");
        as(TOKENS.viewer(alpha)).get("/api/v1/clusters/{id}/cost", b).then().statusCode(404);
        // A viewer of no project sees an empty fleet.
        as(TOKENS.viewer()).get(path).then().statusCode(200).body("rows", hasSize(0)).body("totals", hasSize(0));
    }

    @Test
    void aFleetReportNarrowedToSomeClustersHasThoseTheCallerMaySeeOnly() {
        String alpha = project();
        String beta = project();
        UUID a1 = richCluster(alpha, "a1");
        richCluster(alpha, "a2");
        UUID b = richCluster(beta, "b");
        String path = "/api/v1/fleet/cost";

        Response mine = as(TOKENS.viewer(alpha)).queryParam("from", T.toString())
                .queryParam("to", T.plusSeconds(3600).toString()).queryParam("cluster", a1, b).get(path)
                .then().statusCode(200).extract().response();
        assertThat(mine.jsonPath().getList("rows.name")).containsExactly(a1.toString());
        assertThat(dec(mine.path("totals[0].totalCost"))).isEqualByComparingTo("0.294236");
        Response admin = as(TOKENS.admin()).queryParam("from", T.toString())
                .queryParam("to", T.plusSeconds(3600).toString()).queryParam("cluster", a1 + "," + b).get(path)
                .then().statusCode(200).extract().response();
        assertThat(admin.jsonPath().getList("rows.name")).containsExactlyInAnyOrder(a1.toString(), b.toString());
        // The aggregates kept by project are read by cluster instead: the same cost.
        for (String aggregate : List.of("namespace", "workload", "label:team", "project", "node")) {
            Response narrowed = as(TOKENS.viewer(alpha, beta)).queryParam("from", T.toString())
                    .queryParam("to", T.plusSeconds(3600).toString()).queryParam("aggregate", aggregate)
                    .queryParam("cluster", a1).get(path).then().statusCode(200).extract().response();
            assertThat(sumOfRows(narrowed)).as(aggregate).isEqualByComparingTo("0.294236");
        }

        as(TOKENS.viewer(alpha)).queryParam("cluster", "a1").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cluster"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(UUID.randomUUID().toString());
        }
        as(TOKENS.viewer(alpha)).queryParam("cluster", String.join(",", many)).get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].message", equalTo("at most 100 ids"));
    }

    @Test
    void relativeWindowsEndWithTheCurrentHourOrDay() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Inventory one = inventory(List.of(node("n1", "m5.large", "us-east-1", 2000, 8, 0)), List.of());
        awaitHandled(Events.imported(cluster, project, "recent", "eks"),
                Events.inventory(cluster, project, "eks", hour.minus(Duration.ofHours(3)), one),
                Events.inventory(cluster, project, "eks", hour.minus(Duration.ofHours(1)), one));

        for (String window : List.of("24h", "7d", "30d")) {
            Response report = as(TOKENS.viewer(project)).queryParam("window", window)
                    .get("/api/v1/clusters/{id}/cost", cluster).then().statusCode(200)
                    .body("window", equalTo(window)).extract().response();
            assertThat(dec(report.path("totals[0].totalCost"))).as(window).isEqualByComparingTo("0.192");
            Instant from = Instant.parse(report.path("from"));
            Instant to = Instant.parse(report.path("to"));
            if (window.endsWith("h")) {
                assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
                assertThat(to).isAfter(Instant.now().minusSeconds(5)).isBeforeOrEqualTo(hour.plusSeconds(3600));
            } else {
                assertThat(to).isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
                assertThat(Duration.between(from, to).toDays()).isEqualTo(Long.parseLong(window.replace("d", "")));
            }
        }
        // The default window is the last 7 days.
        as(TOKENS.viewer(project)).get("/api/v1/clusters/{id}/cost", cluster).then().statusCode(200)
                .body("window", equalTo("7d"));
    }

    @Test
    void aWindowAcrossMidnightReadsHoursAtItsEdgesAndWholeDaysBetween() {
        String project = project();
        UUID cluster = UUID.randomUUID();
        Instant start = Instant.parse("2026-03-05T20:00:00Z");
        Inventory one = inventory(List.of(node("n1", "m5.large", "us-east-1", 2000, 8, 0)),
                List.of(allocation("n1", "team-a", "api", 500, 2)));
        List<UUID> events = new ArrayList<>();
        events.add(Events.imported(cluster, project, "midnight", "eks"));
        for (int h = 0; h <= 32; h++) {
            events.add(Events.inventory(cluster, project, "eks", start.plus(Duration.ofHours(h)), one));
        }
        awaitHandled(events);
        String viewer = TOKENS.viewer(project);

        // 22:30 widens to 22:00; 22:00 on the 5th to 02:00 on the 7th is 28 hours of 0.096.
        Response whole = as(viewer).queryParam("from", "2026-03-05T22:30:00Z").queryParam("to", "2026-03-07T02:00:00Z")
                .queryParam("aggregate", "namespace").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).body("from", equalTo("2026-03-05T22:00:00Z")).extract().response();
        assertThat(dec(whole.path("totals[0].totalCost"))).isEqualByComparingTo("2.688");
        assertThat(dec(byName(whole).get("team-a").get("totalCost"))).isEqualByComparingTo("0.672");

        Response daily = as(viewer).queryParam("from", "2026-03-05T22:00:00Z").queryParam("to", "2026-03-07T02:00:00Z")
                .queryParam("aggregate", "cluster").queryParam("step", "day").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).body("step", equalTo("day")).body("rows", hasSize(3))
                .body("rows[0].start", equalTo("2026-03-05T22:00:00Z")).body("rows[0].end", equalTo("2026-03-06T00:00:00Z"))
                .body("rows[1].start", equalTo("2026-03-06T00:00:00Z")).body("rows[2].end", equalTo("2026-03-07T02:00:00Z"))
                .extract().response();
        assertThat(dec(daily.path("rows[0].totalCost"))).isEqualByComparingTo("0.192");
        assertThat(dec(daily.path("rows[1].totalCost"))).isEqualByComparingTo("2.304");
        assertThat(dec(daily.path("rows[2].totalCost"))).isEqualByComparingTo("0.192");

        Response hourly = as(viewer).queryParam("from", "2026-03-05T22:00:00Z").queryParam("to", "2026-03-07T02:00:00Z")
                .queryParam("aggregate", "node").queryParam("step", "hour").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).body("rows", hasSize(28)).extract().response();
        for (Object cost : hourly.jsonPath().getList("rows.totalCost")) {
            assertThat(dec(cost)).isEqualByComparingTo("0.096");
        }
        String csv = as(viewer).accept("text/csv").queryParam("from", "2026-03-05T22:00:00Z")
                .queryParam("to", "2026-03-07T02:00:00Z").queryParam("aggregate", "namespace")
                .queryParam("step", "day").get("/api/v1/clusters/{id}/cost", cluster)
                .then().statusCode(200).extract().asString();
        // Two namespaces (team-a and __idle__) × three days.
        assertThat(Csv.parse(csv)).hasSize(6).allSatisfy(row -> assertThat(row.get("namespace")).isNotBlank());
    }
}
