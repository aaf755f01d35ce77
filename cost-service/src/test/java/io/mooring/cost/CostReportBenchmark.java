package io.mooring.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a unit test (surefire does not pick it up, and it only runs when asked): loads pre-aggregated cost for a
 * fleet into this run's database and times the month reports through the HTTP API, JSON included.
 *
 * <pre>
 * ./mvnw -B -pl cost-service verify -Dtest=CostReportBenchmark -Dmooring.benchmark=true \
 *     [-Dmooring.benchmark.clusters=10000] [-Dmooring.benchmark.nodes=50] [-Dmooring.benchmark.namespaces=20]
 * ./mvnw -B -pl cost-service verify -Dtest='CostReportBenchmark#accrualThroughput' -Dmooring.benchmark=true \
 *     [-Dmooring.benchmark.accrual.clusters=20] [-Dmooring.benchmark.accrual.hours=4] [-Dmooring.benchmark.workloads=20]
 * </pre>
 *
 * The shape: clusters × 30 days in cost_cluster_day, × nodes in cost_node_day, × namespaces in
 * cost_namespace_day, and 100 projects × namespaces × 30 days in cost_project_namespace_day; the last 3 days
 * also by hour (cost_cluster_hour, cost_project_namespace_hour) for windows that do not fall on whole days;
 * clusters spread over 100 projects and four providers.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "mooring.benchmark", matches = "true")
class CostReportBenchmark extends CostTestSupport {

    private static final Logger LOG = Logger.getLogger(CostReportBenchmark.class);
    private static final String MEASURES = "cpu_cost, memory_cost, gpu_cost, storage_cost, total_cost, idle_cost, "
            + "used_cost, cpu_core_hours, memory_gib_hours, gpu_hours, storage_gib_hours";

    private static int intProperty(String name, int defaultValue) {
        return Integer.parseInt(System.getProperty(name, String.valueOf(defaultValue)));
    }

    /**
     * Measures (in billionths, as the roll-ups keep them) from one random total: CPU 60 %, memory 30 %, GPU 0,
     * storage 10 %, idle 20 %, used 50 %, and resource hours in proportion.
     */
    private static String measures(String total) {
        String n = "cast(%s * %s * 1000000000 as bigint)";
        return String.join(", ", n.formatted(total, "0.6"), n.formatted(total, "0.3"), "0", n.formatted(total, "0.1"),
                n.formatted(total, "1"), n.formatted(total, "0.2"), n.formatted(total, "0.5"), n.formatted(total, "20"),
                n.formatted(total, "80"), "0", n.formatted(total, "100"));
    }

    private void sql(String label, String sql) {
        long start = System.nanoTime();
        pool.query(sql).execute().await().atMost(Duration.ofMinutes(60));
        LOG.infof("load %-28s %8.1f s", label, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void monthReportsOfTheFleet() {
        int clusters = intProperty("mooring.benchmark.clusters", 10_000);
        int nodes = intProperty("mooring.benchmark.nodes", 50);
        int namespaces = intProperty("mooring.benchmark.namespaces", 20);
        String today = "date_trunc('day', now(), 'UTC')";

        sql("cost_cluster", """
                insert into cost_cluster (id, project, name, cloud_type, provider, imported_at, updated_at)
                select md5('c' || c)::uuid, 'project-' || (c %% 100), 'cluster-' || c,
                       (array['eks','aks','gke','generic'])[1 + c %% 4], (array['aws','azure','gcp','generic'])[1 + c %% 4],
                       now(), now()
                from generate_series(1, %d) c""".formatted(clusters));
        // The cluster report asks the directory whether the caller may see the cluster.
        sql("mooring_cluster", """
                insert into mooring_cluster (cluster_id, project, name, cloud_type, imported_at, updated_at)
                select id, project, name, cloud_type, imported_at, updated_at from cost_cluster""");
        sql("cost_cluster_day", """
                insert into cost_cluster_day (cluster_id, bucket, currency, %s)
                select md5('c' || c)::uuid, %s - d * interval '1 day', 'USD', %s
                from (select c, d, round((random() * %d * 2.4)::numeric, 9) as t
                      from generate_series(1, %d) c cross join generate_series(0, 29) d) x"""
                .formatted(MEASURES, today, measures("t"), nodes, clusters));
        sql("cost_cluster_hour", """
                insert into cost_cluster_hour (cluster_id, bucket, currency, %s)
                select md5('c' || c)::uuid, %s - h * interval '1 hour' + interval '1 day', 'USD', %s
                from (select c, h, round((random() * %d * 0.1)::numeric, 9) as t
                      from generate_series(1, %d) c cross join generate_series(1, 72) h) x"""
                .formatted(MEASURES, today, measures("t"), nodes, clusters));
        sql("cost_node_day", """
                insert into cost_node_day (cluster_id, bucket, node, currency, %s)
                select md5('c' || c)::uuid, %s - d * interval '1 day', 'ip-10-0-' || (n / 250) || '-' || (n %% 250),
                       'USD', %s
                from (select c, d, n, round((random() * 2.4)::numeric, 9) as t
                      from generate_series(1, %d) c cross join generate_series(0, 29) d
                      cross join generate_series(1, %d) n) x"""
                .formatted(MEASURES, today, measures("t"), clusters, nodes));
        sql("cost_namespace_day", """
                insert into cost_namespace_day (cluster_id, bucket, namespace, currency, %s)
                select md5('c' || c)::uuid, %s - d * interval '1 day',
                       case when n = 1 then '__idle__' else 'team-' || n end, 'USD', %s
                from (select c, d, n, round((random() * %d * 0.1)::numeric, 9) as t
                      from generate_series(1, %d) c cross join generate_series(0, 29) d
                      cross join generate_series(1, %d) n) x"""
                .formatted(MEASURES, today, measures("t"), nodes, clusters, namespaces));
        // Fleet reports by namespace read the roll-ups kept by project: projects × namespaces × days.
        sql("cost_project_namespace_day", """
                insert into cost_project_namespace_day (project, bucket, namespace, currency, %s)
                select 'project-' || p, %s - d * interval '1 day',
                       case when n = 1 then '__idle__' else 'team-' || n end, 'USD', %s
                from (select p, d, n, round((random() * %d * %d)::numeric, 9) as t
                      from generate_series(0, 99) p cross join generate_series(0, 29) d
                      cross join generate_series(1, %d) n) x"""
                .formatted(MEASURES, today, measures("t"), clusters / 100, nodes, namespaces));
        sql("cost_project_namespace_hour", """
                insert into cost_project_namespace_hour (project, bucket, namespace, currency, %s)
                select 'project-' || p, %s - h * interval '1 hour' + interval '1 day',
                       case when n = 1 then '__idle__' else 'team-' || n end, 'USD', %s
                from (select p, h, n, round((random() * %d * %d * 0.05)::numeric, 9) as t
                      from generate_series(0, 99) p cross join generate_series(1, 72) h
                      cross join generate_series(1, %d) n) x"""
                .formatted(MEASURES, today, measures("t"), clusters / 100, nodes, namespaces));
        for (String table : List.of("cost_cluster", "cost_cluster_day", "cost_cluster_hour", "cost_node_day",
                "cost_namespace_day", "cost_project_namespace_day", "cost_project_namespace_hour")) {
            sql("vacuum analyze " + table, "vacuum analyze " + table);
        }
        var rows = pool.query("""
                select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) as size
                from pg_stat_user_tables where relname like 'cost_%' and n_live_tup > 0 order by relname""")
                .execute().await().atMost(Duration.ofMinutes(1));
        rows.forEach(r -> LOG.infof("table %-22s %,12d rows %10s", r.getString(0), r.getLong(1), r.getString(2)));

        String admin = TOKENS.admin();
        String[] fiveProjects = {"project-1", "project-2", "project-3", "project-4", "project-5"};
        String viewer = TOKENS.viewer(fiveProjects);
        String someCluster = "md5('c1')";
        String clusterId = pool.query("select " + someCluster + "::uuid").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getUUID(0).toString();

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "%-58s %8s %8s %8s %8s", "report (clusters=" + clusters + ", nodes="
                + nodes + ", namespaces=" + namespaces + ")", "rows", "median", "min", "max"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=cluster", "fleet 30d by cluster (admin)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=project", "fleet 30d by project (admin)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=provider", "fleet 30d by provider (admin)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=project&step=day",
                "fleet 30d by project and day (admin)"));
        report.add(time(viewer, "/api/v1/fleet/cost?window=30d&aggregate=cluster", "fleet 30d by cluster (5 projects)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=cluster&format=csv", "fleet 30d by cluster, CSV"));
        report.add(time(admin, "/api/v1/fleet/cost?window=30d&aggregate=namespace", "fleet 30d by namespace (admin)"));
        report.add(time(viewer, "/api/v1/fleet/cost?window=30d&aggregate=namespace", "fleet 30d by namespace (5 projects)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=24h&aggregate=cluster", "fleet 24h by cluster (hour+day)"));
        report.add(time(admin, "/api/v1/fleet/cost?window=24h&aggregate=namespace", "fleet 24h by namespace (hour+day)"));
        report.add(time(viewer, "/api/v1/fleet/cost?window=30d&aggregate=node", "fleet 30d by node (5 projects)"));
        report.add(time(admin, "/api/v1/clusters/" + clusterId + "/cost?window=30d&aggregate=node",
                "one cluster 30d by node"));
        report.add(time(admin, "/api/v1/clusters/" + clusterId + "/cost?window=30d&aggregate=namespace&step=day",
                "one cluster 30d by namespace and day"));
        LOG.info("\n" + String.join("\n", report));
    }

    /**
     * Accrual through the real broker: clusters of {@code nodes} nodes with {@code workloads} workloads each
     * (an allocation per node and workload, about nodes × workloads + nodes lines per hour), one inventory an
     * hour; times from the first send until every inventory is handled (lines and all roll-ups written).
     */
    @Test
    void accrualThroughput() {
        int clusters = intProperty("mooring.benchmark.accrual.clusters", 20);
        int hours = intProperty("mooring.benchmark.accrual.hours", 4);
        int nodes = intProperty("mooring.benchmark.nodes", 50);
        int workloads = intProperty("mooring.benchmark.workloads", 20);
        List<Node> nodeList = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        List<Namespace> namespaces = new ArrayList<>();
        for (int w = 0; w < workloads; w++) {
            namespaces.add(Inventories.namespace("team-" + (w % 10), Map.of("team", "t" + (w % 10))));
        }
        for (int n = 0; n < nodes; n++) {
            nodeList.add(Inventories.node("node-" + n, "m5.xlarge", "us-east-1", 4000, 16, 0));
            for (int w = 0; w < workloads; w++) {
                allocations.add(Inventories.allocation("node-" + n, "team-" + (w % 10), "app-" + w, 100, 0));
            }
        }
        var inventory = Inventories.inventory(nodeList, allocations, List.of(), namespaces, List.of());
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(hours + 1));
        List<UUID> ids = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < clusters; c++) {
            UUID cluster = UUID.randomUUID();
            for (int h = 0; h <= hours; h++) {
                ids.add(Events.inventory(cluster, "bench", "eks", start.plus(Duration.ofHours(h)), inventory));
            }
        }
        double sent = (System.nanoTime() - began) / 1e9;
        awaitHandled(ids);
        double total = (System.nanoTime() - began) / 1e9;
        long lines = count("select count(*) from cost_line");
        String result = String.format(Locale.ROOT,
                "accrual: %d inventories (%d nodes, %d allocations each; %d accrue, the first of each cluster "
                        + "only starts it), %,d lines in %.1f s (sending %.1f s): %.0f ms an inventory, %,.0f lines/s",
                ids.size(), nodes, allocations.size(), clusters * hours, lines, total, sent,
                total * 1000 / ids.size(), lines / total);
        LOG.info(result);
        // Every inventory after a cluster's first accrues one clock hour: a line per allocation at least.
        assertThat(lines).isGreaterThanOrEqualTo((long) clusters * hours * allocations.size());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Two warm-up calls, then seven timed ones: the whole exchange, body received, as a client sees it. */
    private static String time(String token, String url, String label) {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + url);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).GET().build();
        List<Double> millis = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < 9; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= 2) {
                millis.add(elapsed);
            }
            if (i == 0) {
                rows = url.contains("format=csv") ? response.body().split("\n").length - 1
                        : JsonPath.from(response.body()).getList("rows").size();
            }
        }
        assertThat(rows).as("rows of " + url).isPositive();
        Collections.sort(millis);
        return String.format(Locale.ROOT, "%-58s %8d %6.0fms %6.0fms %6.0fms", label, rows, millis.get(3),
                millis.get(0), millis.get(6));
    }
}
