package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mooring.events.EventType;
import io.mooring.localstack.TraceReceiver.ReceivedSpan;
import io.mooring.simulator.SimulatedCluster;
import io.mooring.testsupport.EventContract;
import io.mooring.testsupport.TopicReader;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite as separate processes, the way {@code bin/local-stack} runs it: Kafka, the five services, the
 * gateway, and three simulated clusters imported through the registry's API, each with a real agent process.
 * Every check goes through the gateway, as a user or an integration would. The tests share the running stack
 * (starting it is the expensive part) but none depends on another's outcome. The services export their traces to
 * a receiver in this test.
 */
class LocalStackEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final String DATABASES = "mooring_e2e_" + Long.toHexString(System.nanoTime());

    private static LocalStack stack;
    private static String admin;
    private static TraceReceiver traces;
    private static String bootstrap;

    @BeforeAll
    static void startStack() throws Exception {
        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-e2e-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        int kafka = FreePorts.one();
        bootstrap = "127.0.0.1:" + kafka;
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), kafka, 240,
                SimulatedClusters.Spec.parseAll("eks:read-only,aks:full-permission,k3s:read-only"),
                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.inventory-min=2s",
                        "mooring.agent.intervals.events-flush=1s", "mooring.agent.intervals.status=2s",
                        "mooring.agent.intervals.addons-poll=2s", "mooring.agent.intervals.drift=5s",
                        "mooring.agent.intervals.permissions=5s"), DATABASES, false));
        traces = TraceReceiver.start();
        stack.serviceProperty("quarkus.otel.exporter.otlp.traces.endpoint=" + traces.endpoint());
        stack.serviceProperty("quarkus.otel.exporter.otlp.traces.protocol=http/protobuf");
        stack.serviceProperty("quarkus.otel.bsp.schedule.delay=1s");
        stack.start();
        admin = stack.adminToken();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gateway;
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    void importedClustersAreRunningWithTheProviderTheirAgentDetected() {
        for (SimulatedClusters.Imported cluster : stack.simulated().all()) {
            JsonPath view = api().get("/api/v1/clusters/{id}", cluster.clusterId()).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(view.getString("status")).isEqualTo("Running");
            assertThat(view.getString("detectedPlatform")).isEqualTo(cluster.spec().provider().platform());
            assertThat(view.getString("importMode")).isEqualTo(cluster.spec().importMode());
        }
    }

    @Test
    void anImportIsOneTraceFromTheRegistryRequestThroughHealthAddonAndCost() {
        for (SimulatedClusters.Imported cluster : stack.simulated().all()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<ReceivedSpan> spans = traces.spans();
                List<ReceivedSpan> handled = spans.stream()
                        .filter(s -> s.kind() == SpanKind.SPAN_KIND_CONSUMER
                                && cluster.clusterId().equals(s.attributes().get("cloudevents.event_subject"))
                                && EventType.CLUSTER_IMPORTED.type().equals(s.attributes().get("cloudevents.event_type")))
                        .toList();
                assertThat(handled).extracting(ReceivedSpan::service)
                        .contains("health-service", "addon-service", "cost-service");
                String traceId = handled.get(0).traceId();
                List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
                assertThat(handled).extracting(ReceivedSpan::traceId).containsOnly(traceId);

                ReceivedSpan request = trace.stream().filter(s -> s.parentSpanId().isEmpty()).findFirst().orElseThrow();
                assertThat(request.service()).isEqualTo("registry-service");
                assertThat(request.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
                assertThat(request.name()).isEqualTo("POST /api/v1/clusters");
                ReceivedSpan created = trace.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_PRODUCER)
                        .filter(s -> EventType.CLUSTER_IMPORTED.type().equals(s.attributes().get("cloudevents.event_type")))
                        .findFirst().orElseThrow();
                assertThat(created.service()).isEqualTo("registry-service");
                assertThat(created.parentSpanId()).isEqualTo(request.spanId());
                assertThat(handled).extracting(ReceivedSpan::parentSpanId).containsOnly(created.spanId());
            });
        }
    }

    @Test
    void healthEventsAndInventoryOfEveryClusterAreServedThroughTheGateway() {
        for (SimulatedClusters.Imported cluster : stack.simulated().all()) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonPath health = api().get("/api/v1/clusters/{id}/health", cluster.clusterId()).then()
                        .statusCode(200).extract().jsonPath();
                assertThat(health.getString("connectivity")).isEqualTo("Connected");
                assertThat(health.getString("health")).isIn("Healthy", "Degraded", "Unhealthy");
                api().get("/api/v1/clusters/{id}/inventory", cluster.clusterId()).then().statusCode(200)
                        .body("nodes.size()", equalTo(cluster.cluster().nodeCount()));
                assertThat(api().get("/api/v1/clusters/{id}/events", cluster.clusterId()).then().statusCode(200)
                        .extract().jsonPath().getList("items")).isNotEmpty();
            });
        }
        api().get("/api/v1/fleet/health").then().statusCode(200)
                .body("total", equalTo(stack.simulated().all().size()));
    }

    @Test
    void aNodeGoingNotReadyDegradesTheClusterUntilItIsReadyAgain() {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        String node = eks.cluster().nodeNames().get(0);
        await().atMost(Duration.ofSeconds(90)).until(() -> "Healthy".equals(health(eks)));

        eks.cluster().nodeNotReady(node);
        await().atMost(Duration.ofSeconds(90)).until(() -> List.of("Degraded", "Unhealthy").contains(health(eks)));

        eks.cluster().nodeReady(node);
        await().atMost(Duration.ofSeconds(90)).until(() -> "Healthy".equals(health(eks)));
        assertThat(api().get("/api/v1/clusters/{id}/health/history", eks.clusterId()).then().statusCode(200)
                .extract().jsonPath().getList("items.current")).contains("Healthy");
    }

    @Test
    void aProfileDeploysOnTheFullPermissionClusterAndIsRefusedOnAReadOnlyOne() throws IOException {
        SimulatedClusters.Imported aks = stack.simulated().byName("sim-aks").orElseThrow();
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        api().contentType("application/json").body(Map.of(
                        "name", "e2e-basics", "version", "1.0.0", "type", "add-on",
                        "layers", List.of(
                                Map.of("name", "settings", "namespace", "e2e",
                                        "manifests", """
                                                apiVersion: v1
                                                kind: ConfigMap
                                                metadata:
                                                  name: e2e-settings
                                                data:
                                                  colour: blue
                                                """),
                                Map.of("name", "greeter", "namespace", "e2e",
                                        "chart", Map.of("archive", chartArchive()),
                                        "values", Map.of("message", "hello from the chart")))))
                .post("/api/v1/addon-profiles").then().statusCode(201);

        api().contentType("application/json").body(Map.of("profile", "e2e-basics", "version", "1.0.0"))
                .post("/api/v1/clusters/{id}/addons", eks.clusterId())
                .then().statusCode(409).body("detail", equalTo("requires full-permission mode"));

        api().contentType("application/json").body(Map.of("profile", "e2e-basics", "version", "1.0.0"))
                .post("/api/v1/clusters/{id}/addons", aks.clusterId()).then().statusCode(201);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                api().get("/api/v1/clusters/{id}/addons/e2e-basics", aks.clusterId()).then().statusCode(200)
                        .extract().jsonPath().getList("layers.status")).containsOnly("Deployed"));
        SimulatedCluster cluster = aks.cluster();
        ConfigMap settings = cluster.client().configMaps().inNamespace("e2e").withName("e2e-settings").get();
        assertThat(settings.getData()).containsEntry("colour", "blue");
        assertThat(settings.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mooring");
        ConfigMap greeting = cluster.client().configMaps().inNamespace("e2e").withName("greeter").get();
        assertThat(greeting.getData()).containsEntry("message", "hello from the chart");
        // A read-only agent writes nothing but its own identity Secret (the re-registration secret), in Mooring's
        // own namespace.
        assertThat(eks.cluster().writeRequests()).as("a read-only agent changes nothing of the user's cluster")
                .allSatisfy(w -> {
                    assertThat(w.method()).isEqualTo("PUT");
                    assertThat(w.path()).endsWith("/namespaces/mooring-system/secrets/mooring-agent-identity");
                });
    }

    @Test
    void everyClusterShowsCostByNamespaceAndTheFleetHasATotal() {
        SimulatedClusters.Imported k3s = stack.simulated().byName("sim-k3s").orElseThrow();
        String namespace = k3s.cluster().applicationNamespaces().get(0);
        // Inventories change as workloads scale; cost accrues between two of them.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            k3s.cluster().scaleWorkload(namespace, firstDeployment(k3s.cluster(), namespace),
                    (int) (System.nanoTime() % 3) + 1);
            JsonPath cost = api().get("/api/v1/clusters/{id}/cost?window=24h&aggregate=namespace", k3s.clusterId())
                    .then().statusCode(200).extract().jsonPath();
            assertThat(cost.getList("rows.name")).contains(namespace);
            assertThat(cost.getDouble("totals[0].totalCost")).isPositive();
        });
        JsonPath fleet = api().get("/api/v1/fleet/cost?window=24h&aggregate=cluster").then().statusCode(200)
                .extract().jsonPath();
        assertThat(fleet.getDouble("totals[0].totalCost")).isPositive();
    }

    /**
     * The event contract as published (docs/api/asyncapi/mooring.yaml) holds for what the services really sent: every
     * record on every topic it declares, read from the broker, has the headers, key and payload its ce_type's message
     * declares. Each cluster's import, connection, first health assessment and inventories are on the topics by the
     * time they are awaited; whatever else the other tests caused (add-on deployments, health changes) is checked too.
     */
    @Test
    void everyEventTheServicesPublishedMatchesTheAsyncApiDocument() {
        EventContract contract = EventContract.committed();
        List<TopicReader> readers = contract.topics().stream().map(topic -> new TopicReader(bootstrap, topic)).toList();
        try {
            for (SimulatedClusters.Imported cluster : stack.simulated().all()) {
                String key = cluster.clusterId().toString();
                for (EventType type : List.of(EventType.CLUSTER_IMPORTED, EventType.CLUSTER_CONNECTED,
                        EventType.CLUSTER_HEALTH_CHANGED, EventType.INVENTORY_REPORTED)) {
                    TopicReader reader = readers.get(contract.topics().indexOf(type.topic()));
                    reader.await(r -> key.equals(r.key()) && type.type().equals(TopicReader.header(r, "ce_type")), 1,
                            Duration.ofSeconds(60));
                }
            }
            List<ConsumerRecord<String, String>> published = new ArrayList<>();
            readers.forEach(reader -> published.addAll(reader.readToEnd(Duration.ofSeconds(30))));
            List<String> violations = new ArrayList<>();
            published.forEach(record -> violations.addAll(contract.violations(record)));
            assertThat(violations.stream().distinct().toList())
                    .as("records that do not match the AsyncAPI document, of %d read", published.size()).isEmpty();
            assertThat(published).hasSizeGreaterThanOrEqualTo(4 * stack.simulated().all().size());
        } finally {
            readers.forEach(TopicReader::close);
        }
    }

    private static String health(SimulatedClusters.Imported cluster) {
        return api().get("/api/v1/clusters/{id}/health", cluster.clusterId()).then().statusCode(200).extract()
                .jsonPath().getString("health");
    }

    private static String firstDeployment(SimulatedCluster cluster, String namespace) {
        return cluster.client().apps().deployments().inNamespace(namespace).list().getItems().get(0).getMetadata()
                .getName();
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(admin);
    }

    /** A small chart, packaged as helm package would: a ConfigMap whose message comes from the values. */
    private static String chartArchive() throws IOException {
        Map<String, String> files = Map.of(
                "greeter/Chart.yaml", "apiVersion: v2\nname: greeter\nversion: 0.1.0\n",
                "greeter/values.yaml", "message: hello\n",
                "greeter/templates/configmap.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {{ .Chart.Name }}
                        data:
                          message: {{ .Values.message | quote }}
                        """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
