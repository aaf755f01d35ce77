package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testsupport.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test (surefire does not pick it up, and it only runs when asked): issue #13's "the fleet page with 10,000
 * clusters in the database shows its first page in under 1 s, measured in the browser". {@code bin/console-bench}
 * runs it:
 *
 * <pre>
 * ./mvnw -B -o -pl test-support,service-support,api-client,cluster-simulator,console,local-stack verify \
 *     -Dtest=FleetPageBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dmooring.benchmark=true \
 *     [-Dmooring.benchmark.clusters=10000] [-Dmooring.benchmark.loads=20]
 * </pre>
 *
 * A local stack of its own (databases {@code mooring_fleet_bench_*}, dropped at the end), no simulated clusters.
 * The fleet is written straight into each service's own tables, as their Flyway schemas stand once the services
 * migrated them: importing 10,000 clusters through the API would take the registry, the broker, three consumers and
 * 10,000 agents' first reports well over an hour on two cores, and the page reads only the tables. Every column of
 * the page is filled (detected provider, versions, connectivity, health, a day of event-log entries for the sparkline,
 * a month of cost by day and three days by hour); most clusters are Running, Connected and Healthy, some Degraded,
 * Unhealthy, Disconnected or Pending, spread over four projects. The last heartbeats are recent, so health-service's
 * sweep (disconnected after 10 minutes) changes nothing while the run measures.
 *
 * <p>Measured: the time from navigation start to the console's user-timing mark {@code mooring:fleet-rows} (the first
 * page's rows in the document, with their health and cost; {@code mooring:fleet-counts} is the counts' mark), through
 * {@code ConsoleBrowser#timedLoad}; the median and p95 of {@code loads} loads after {@code warmup} loads not counted,
 * and apart from them the cold load (the HTTP cache emptied, the first fleet request since the data came); and which
 * requests took the time (Resource Timing). The baselines, in the same run on the same stack: the same loads with a
 * fleet of 10 clusters before the large fleet is written (after four times the warm-up: the services have just
 * started), and, once it is, a viewer of that 10-cluster project, whose loads take turns with the large fleet's so
 * that both meet the same load of the machine; and each API request the page makes, timed from this JVM without the
 * browser.
 */
@EnabledIfSystemProperty(named = "mooring.benchmark", matches = "true")
class FleetPageBenchmark {

    private static final String ROWS = "mooring:fleet-rows";
    private static final String COUNTS = "mooring:fleet-counts";
    private static final String SMALL = "bench-small";
    private static final List<String> PROJECTS = List.of("payments", "retail", "platform", "data");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int clusters = Integer.getInteger("mooring.benchmark.clusters", 10_000);
    private final int loads = Integer.getInteger("mooring.benchmark.loads", 20);
    /** Loads (and API requests) before those measured, not counted: the services' code is still being compiled. */
    private final int warmup = Integer.getInteger("mooring.benchmark.warmup", 5);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> report = new ArrayList<>();

    @Test
    void firstFleetPage() throws Exception {
        String prefix = "mooring_fleet_bench_" + Long.toHexString(System.nanoTime());
        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-fleet-bench-");
        LocalStack stack = new LocalStack(new StackOptions(Path.of("..").toAbsolutePath().normalize(), data, gateway,
                FreePorts.blockOfSix(), FreePorts.one(), 600, List.of(), List.of(), prefix, false));
        String console = "http://localhost:" + gateway + "/";
        try {
            stack.start();
            String admin = stack.adminToken();
            line("load average at start: %s", loadAverage());
            try (ConsoleBrowser ui = ConsoleBrowser.start(console)) {
                // Signed in on another page, so the first fleet page measured is the first the services serve.
                ui.signIn("admin", SMALL, "#/profiles");
                String adminSession = session(ui);

                seed(prefix, SMALL, List.of(SMALL), 1, 10);
                ui.clearHttpCache();
                JsonNode cold = load(ui, adminSession);
                // The services have just started: their code is compiled while they serve the first pages, which
                // the baseline would otherwise pay for alone.
                loads(ui, adminSession, warmup * 4);
                report("admin, fleet of 10 (before)", cold, loads(ui, adminSession, loads));
                api(gateway, admin, "admin, fleet of 10 (before)");

                long started = System.nanoTime();
                seed(prefix, "c", PROJECTS, 1, clusters);
                line("seeded %,d clusters in %.1f s", clusters, (System.nanoTime() - started) / 1e9);
                ui.clearHttpCache();
                cold = load(ui, adminSession);
                // From another document: signIn's second visit to the console would otherwise change its hash only.
                ui.driver().get("about:blank");
                ui.signIn("viewer", SMALL);
                String viewerSession = session(ui);
                // The large fleet and the baseline load by turns, so that both meet the same load of the machine.
                List<JsonNode> large = new ArrayList<>();
                List<JsonNode> small = new ArrayList<>();
                for (int i = 0; i < warmup + loads; i++) {
                    JsonNode a = load(ui, adminSession);
                    JsonNode v = load(ui, viewerSession);
                    if (i >= warmup) {
                        large.add(a);
                        small.add(v);
                    }
                }
                String size = String.format(Locale.ROOT, "%,d", clusters);
                report("admin, fleet of " + String.format(Locale.ROOT, "%,d", clusters + 10), cold, large);
                report("viewer of " + SMALL + " (10 clusters) beside " + size + ", by turns", null, small);
                api(gateway, admin, "admin, fleet of " + String.format(Locale.ROOT, "%,d", clusters + 10));
            }
            line("load average at end: %s", loadAverage());
        } finally {
            stack.stop();
            stack.dropDatabases();
            System.out.println(String.join("\n", report));
        }
    }

    /** The signed-in session the console keeps (sessionStorage), to sign in again by putting it back. */
    private static String session(ConsoleBrowser ui) {
        return (String) ui.driver().executeScript("return sessionStorage.getItem('mooring.session')");
    }

    private List<JsonNode> loads(ConsoleBrowser ui, String session, int count) throws IOException {
        List<JsonNode> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(load(ui, session));
        }
        return done;
    }

    /**
     * Prints the rows mark's median and p95 over {@code warm}, the cold load's (if any), and when each request
     * started and ended.
     */
    private void report(String label, JsonNode cold, List<JsonNode> warm) {
        List<Double> rows = warm.stream().map(l -> l.get("marks").get(ROWS).asDouble()).sorted().toList();
        List<Double> counts = warm.stream().map(l -> l.get("marks").get(COUNTS).asDouble()).sorted().toList();
        line("%s: first page's rows at median %.0f ms, p95 %.0f ms (%d loads); cold %s; counts at median %.0f ms",
                label, percentile(rows, 50), percentile(rows, 95), warm.size(),
                cold == null ? "-" : String.format(Locale.ROOT, "%.0f ms (counts %.0f ms)",
                        cold.get("marks").get(ROWS).asDouble(), cold.get("marks").get(COUNTS).asDouble()),
                percentile(counts, 50));
        // Per request (query strings cut off): median start and end since navigation start, over the warm loads.
        Map<String, List<double[]>> byRequest = new TreeMap<>();
        for (JsonNode l : warm) {
            for (JsonNode r : l.get("resources")) {
                byRequest.computeIfAbsent(shortName(r.get("name").asText()), k -> new ArrayList<>())
                        .add(new double[] {r.get("start").asDouble(), r.get("end").asDouble()});
            }
        }
        byRequest.entrySet().stream()
                .sorted((a, b) -> Double.compare(median(b.getValue(), x -> x[1]), median(a.getValue(), x -> x[1])))
                .forEach(e -> line("    %-48s start %6.0f  end %6.0f  took %5.0f ms (median)", e.getKey(),
                        median(e.getValue(), x -> x[0]), median(e.getValue(), x -> x[1]),
                        median(e.getValue(), x -> x[1] - x[0])));
        if (cold == null) {
            return;
        }
        line("    cold load's requests: %s", StreamSupport.stream(cold.get("resources").spliterator(), false)
                .filter(r -> r.get("name").asText().contains("/api/"))
                .map(r -> String.format(Locale.ROOT, "%s %.0f-%.0f", shortName(r.get("name").asText()),
                        r.get("start").asDouble(), r.get("end").asDouble()))
                .collect(Collectors.joining(", ")));
    }

    /** One load of the fleet page signed in as {@code session}; the browser is on the console when it returns. */
    private JsonNode load(ConsoleBrowser ui, String session) throws IOException {
        ui.driver().executeScript("sessionStorage.setItem('mooring.session', arguments[0])", session);
        JsonNode result = JSON.readTree(ui.timedLoad("#/fleet", ROWS, COUNTS));
        assertThat(result.has("error")).as(result.toString()).isFalse();
        // A load counts only when the page was complete: every Running cluster's row with its connectivity and cost
        // (a Pending cluster has neither yet).
        Object empty = ui.driver().executeScript("""
                const rows = [...document.querySelectorAll('#clusters tbody tr')];
                return rows.length === 0 ? 'no rows' : rows.filter((r) => r.querySelector('[data-state="Running"]')
                  && (r.querySelector('td.connectivity').textContent === '—'
                      || r.querySelector('td.cost').textContent === '—')).length;""");
        assertThat(empty).as("Running clusters' rows without connectivity or cost").isEqualTo(0L);
        return result;
    }

    /** Each request the page makes, from this JVM through the gateway: median and p95 of {@code loads}. */
    private void api(int gateway, String token, String label) throws Exception {
        String base = "http://127.0.0.1:" + gateway;
        JsonNode page = JSON.readTree(get(base + "/api/v1/clusters?limit=20", token));
        String ids = StreamSupport.stream(page.get("items").spliterator(), false).map(n -> n.get("id").asText())
                .collect(Collectors.joining(","));
        String month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).toString();
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET /api/v1/clusters?limit=20", base + "/api/v1/clusters?limit=20");
        requests.put("GET /api/v1/fleet/health", base + "/api/v1/fleet/health");
        requests.put("GET /api/v1/fleet/health/clusters?id=<20>", base + "/api/v1/fleet/health/clusters?id=" + ids);
        requests.put("GET /api/v1/fleet/cost?cluster=<20>", base + "/api/v1/fleet/cost?aggregate=cluster&from="
                + month + "&cluster=" + URLEncoder.encode(ids, StandardCharsets.UTF_8));
        line("%s: API requests from the JVM (median / p95 of %d)", label, loads);
        for (Map.Entry<String, String> request : requests.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                get(request.getValue(), token);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                long started = System.nanoTime();
                get(request.getValue(), token);
                times.add((System.nanoTime() - started) / 1e6);
            }
            times.sort(null);
            line("    %-48s %6.1f / %6.1f ms", request.getKey(), percentile(times, 50), percentile(times, 95));
        }
    }

    private String get(String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * Clusters {@code from}..{@code to} named {@code <tag>-00001}..., spread over {@code projects}, written into each
     * service's tables: the registry's clusters, the directory ({@code mooring_cluster}) of every service that keeps
     * one, health-service's state and event log, cost-service's clusters and roll-ups. Ids are md5(tag-i) in every
     * service, as one cluster's id is the same everywhere. Every hundred clusters: 88 Running, Connected and Healthy,
     * 6 Degraded, 1 Unhealthy, 2 Disconnected, 2 Pending (never connected: no provider, health, events or cost) and
     * 1 Running whose health is not assessed yet (Unknown).
     */
    private void seed(String prefix, String tag, List<String> projects, int from, int to) throws SQLException {
        String clusters = """
                (select md5('%1$s-' || i)::uuid as id, i,
                        (array[%2$s])[1 + i %% %3$d] as project, '%1$s-' || lpad(i::text, 5, '0') as name,
                        (array['eks','aks','gke','generic','openshift'])[1 + i %% 5] as cloud_type,
                        (array['eks','aks','gke','k3s','openshift'])[1 + i %% 5] as detected,
                        case when i %% 7 = 0 then 'full-permission' else 'read-only' end as mode,
                        case when i %% 100 < 2 then 'Pending' when i %% 100 < 4 then 'Disconnected'
                             when i %% 100 < 10 then 'Degraded' when i %% 100 < 11 then 'Unhealthy'
                             when i %% 100 < 12 then 'Unknown' else 'Healthy' end as state,
                        now() - (%5$d - i) * interval '7 minutes' - interval '1 day' as created_at
                 from generate_series(%4$d, %5$d) i) s""".formatted(tag,
                projects.stream().map(p -> "'" + p + "'").collect(Collectors.joining(",")), projects.size(), from, to);
        sql(prefix + "_registry", """
                insert into cluster (id, project, name, labels, cloud_type, import_mode, status, detected_provider,
                    detected_platform, kubernetes_version, agent_version, agent_permissions, created_by, created_at,
                    updated_at, connected_at, last_seen_at, cluster_uid)
                select id, project, name,
                       jsonb_build_object('env', (array['prod','staging','dev'])[1 + i % 3], 'team', 'team-' || i % 12),
                       cloud_type, mode, case when state = 'Pending' then 'Pending' else 'Running' end,
                       case when state <> 'Pending' then detected end,
                       case when state <> 'Pending' then 'linux/amd64' end,
                       case when state <> 'Pending' then 'v1.' || (28 + i % 4) || '.' || i % 9 end,
                       case when state <> 'Pending' then '0.1.' || i % 3 end,
                       case when state <> 'Pending' then mode end, 'bench', created_at, now(),
                       case when state <> 'Pending' then created_at + interval '2 minutes' end,
                       case when state = 'Disconnected' then now() - interval '40 minutes'
                            when state <> 'Pending' then now() - (i % 30) * interval '1 second' end,
                       case when state <> 'Pending' then 'uid-' || id end
                from """ + clusters);
        String directory = """
                insert into mooring_cluster (cluster_id, project, name, cloud_type, import_mode, imported_at,
                    connected_at, deleted, updated_at)
                select id, project, name, cloud_type, mode, created_at,
                       case when state <> 'Pending' then created_at + interval '2 minutes' end, false, now()
                from """ + clusters;
        for (String service : List.of("health", "cost", "addon", "notification")) {
            sql(prefix + "_" + service, directory);
        }
        sql(prefix + "_health", """
                insert into cluster_health (cluster_id, connectivity, connectivity_since, first_heartbeat,
                    last_heartbeat, agent_version, agent_permissions, health, health_since, checks, evaluated_at,
                    updated_at)
                select id, case state when 'Pending' then 'Pending' when 'Disconnected' then 'Disconnected'
                                else 'Connected' end,
                       case when state = 'Disconnected' then now() - interval '30 minutes'
                            else created_at + interval '2 minutes' end,
                       case when state <> 'Pending' then created_at + interval '2 minutes' end,
                       case when state = 'Disconnected' then now() - interval '40 minutes'
                            when state <> 'Pending' then now() - (i % 30) * interval '1 second' end,
                       case when state <> 'Pending' then '0.1.' || i % 3 end,
                       case when state <> 'Pending' then mode end,
                       case when state in ('Healthy', 'Degraded', 'Unhealthy') then state
                            when state = 'Disconnected' then 'Healthy' end,
                       case when state in ('Healthy', 'Degraded', 'Unhealthy', 'Disconnected')
                            then now() - (i % 48) * interval '1 hour' end,
                       case state when 'Degraded' then
                            '[{"name":"node-readiness","status":"warn","message":"1 of 6 nodes not ready"}]'
                            when 'Unhealthy' then
                            '[{"name":"crash-looping-pods","status":"fail","message":"4 pods crash looping"}]'
                            else '[]' end,
                       case when state not in ('Pending', 'Unknown') then now() - (i % 60) * interval '1 second' end,
                       now()
                from """ + clusters);
        // Six event-log entries a cluster, each happening over a few of the last 24 hours.
        sql(prefix + "_health", """
                insert into cluster_event (id, cluster_id, namespace, object_kind, object_name, reason, type, message,
                    source, count, first_seen, last_seen, updated_at, seen_mark)
                select md5(id::text || '-' || k)::uuid, id,
                       (array['default','kube-system','shop','payments'])[1 + k %% 4],
                       'Pod', 'app-' || k || '-' || substr(md5(id::text), 1, 5),
                       (array['BackOff','Unhealthy','Pulled','Scheduled','FailedMount','Killing'])[k],
                       case when k in (1, 2, 5) then 'Warning' else 'Normal' end, 'message ' || k, 'kubelet',
                       1 + (i * k) %% 40, first_seen, last_seen, now(), last_seen
                from (select e.*, least(now(), first_seen + (k %% 4) * interval '1 hour') as last_seen
                      from (select s.*, k, now() - ((i * 7 + k * 5) %% 24) * interval '1 hour'
                                   - (k * 3) * interval '1 minute' as first_seen
                            from %s cross join generate_series(1, 6) k where state <> 'Pending') e) e""".formatted(clusters));
        sql(prefix + "_cost", """
                insert into cost_cluster (id, project, name, cloud_type, provider, import_mode, imported_at,
                    first_observed_at, last_observed_at, updated_at)
                select id, project, name, cloud_type,
                       case cloud_type when 'eks' then 'aws' when 'aks' then 'azure' when 'gke' then 'gcp'
                            else 'generic' end,
                       mode, created_at, case when state <> 'Pending' then created_at + interval '3 minutes' end,
                       case when state <> 'Pending' then now() - interval '5 minutes' end, now()
                from """ + clusters);
        // A month of whole days and the last three days by hour, as the accrual leaves them (billionths).
        String measures = "cpu_cost, memory_cost, gpu_cost, storage_cost, total_cost, idle_cost, used_cost,"
                + " cpu_core_hours, memory_gib_hours, gpu_hours, storage_gib_hours";
        String values = """
                (t * 0.6)::bigint, (t * 0.3)::bigint, 0, (t * 0.1)::bigint, t::bigint, (t * 0.2)::bigint,
                (t * 0.5)::bigint, (t * 20)::bigint, (t * 80)::bigint, 0, (t * 300)::bigint""";
        sql(prefix + "_cost", """
                insert into cost_cluster_day (cluster_id, bucket, currency, %s)
                select id, date_trunc('day', now(), 'UTC') - d * interval '1 day', 'USD', %s
                from (select id, d, (1 + i %% 17) * 2.5e9 * (1 + (d %% 5) / 10.0) as t
                      from %s cross join generate_series(1, 30) d where state <> 'Pending') x""".formatted(measures,
                values, clusters));
        sql(prefix + "_cost", """
                insert into cost_cluster_hour (cluster_id, bucket, currency, %s)
                select id, date_trunc('hour', now()) - h * interval '1 hour', 'USD', %s
                from (select id, h, (1 + i %% 17) * 0.1e9 as t
                      from %s cross join generate_series(0, 71) h where state <> 'Pending') x""".formatted(measures,
                values, clusters));
        for (String service : List.of("registry", "health", "cost", "addon", "notification")) {
            sql(prefix + "_" + service, "analyze");
        }
    }

    private static void sql(String database, String statement) throws SQLException {
        PostgresServer postgres = PostgresServer.fromEnvironment();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String shortName(String url) {
        String path = URI.create(url).getPath();
        return path.startsWith("/api/") ? path : path.replaceAll(".*/", "/");
    }

    private static double median(List<double[]> values, Function<double[], Double> f) {
        return percentile(values.stream().map(f).sorted().toList(), 50);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void line(String format, Object... args) {
        String text = "[fleet-bench] " + String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }
}
