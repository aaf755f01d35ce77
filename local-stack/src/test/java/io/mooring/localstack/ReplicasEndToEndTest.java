package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of each of the five services side by side, each pair sharing its service's database, all sharing
 * one broker, behind the gateway (which takes the instances of a service in turn), with two simulated clusters whose
 * agents report through the gateway, so to both instances. Checks go through the gateway and, where which instance
 * answers matters, to each instance directly. One stack for the class; no test depends on another's outcome
 * (the one that silences an agent has a cluster of its own).
 */
class ReplicasEndToEndTest {

    private static final String DATABASES = "mooring_replicas_" + Long.toHexString(System.nanoTime());
    private static final List<String> UPSTREAMS = List.of("registry", "health", "addon", "cost", "notification");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String admin;
    private static String bootstrap;

    @BeforeAll
    static void startStack() throws Exception {
        int gateway = FreePorts.one();
        int kafka = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-replicas-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.baseOf(2 * LocalStack.SERVICES + 1), kafka, 600,
                SimulatedClusters.Spec.parseAll("eks:read-only,k3s:read-only"),
                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.inventory-min=5s",
                        "mooring.agent.intervals.events-flush=1s", "mooring.agent.intervals.status=5s"),
                DATABASES, false, 2));
        // A cluster is Disconnected after 15 s of silence; both health instances sweep every second.
        stack.serviceProperty("mooring.health.thresholds.disconnected-after=15s");
        stack.serviceProperty("mooring.health.sweep.interval=1s");
        // Eight services starting at once on two busy cores: a first JDBC connection (Flyway's) can take longer
        // than Agroal's default 5 s to open; the instance that waits for the other's migration holds one meanwhile.
        stack.serviceProperty("quarkus.datasource.jdbc.acquisition-timeout=60S");
        stack.start();
        admin = stack.adminToken();
        bootstrap = "127.0.0.1:" + kafka;
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gateway;
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
    }

    @Test
    void everyServiceRunsTwoInstancesAndTheGatewayAnswersFromBoth() {
        for (String upstream : UPSTREAMS) {
            List<Integer> ports = stack.instancePorts(upstream);
            assertThat(ports).as(upstream).hasSize(2).doesNotHaveDuplicates();
            for (int port : ports) {
                given().port(port).get("/q/health/ready").then().statusCode(200);
            }
        }
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        for (int i = 0; i < 4; i++) {
            api().get("/api/v1/clusters/{id}", eks.clusterId()).then().statusCode(200);
            api().get("/api/v1/clusters/{id}/health", eks.clusterId()).then().statusCode(200);
        }
    }

    @Test
    void aClusterImportedOnEitherRegistryInstanceIsReadOnTheOtherAndKnownToBothInstancesOfEveryService() {
        List<Integer> registries = stack.instancePorts("registry");
        for (int i = 0; i < registries.size(); i++) {
            String name = "replica-import-" + i + "-" + Long.toHexString(System.nanoTime());
            String id = direct(registries.get(i)).contentType("application/json").body(importRequest(name))
                    .post("/api/v1/clusters").then().statusCode(201).extract().jsonPath().getString("cluster.id");
            int other = registries.get((i + 1) % registries.size());
            direct(other).get("/api/v1/clusters/{id}", id).then().statusCode(200);
            assertThat(direct(other).get("/api/v1/clusters/{id}", id).jsonPath().getString("name")).isEqualTo(name);

            await().atMost(WAIT).untilAsserted(() -> {
                for (int port : stack.instancePorts("health")) {
                    direct(port).get("/api/v1/clusters/{id}/health", id).then().statusCode(200);
                }
                for (int port : stack.instancePorts("addon")) {
                    direct(port).get("/api/v1/clusters/{id}/addons", id).then().statusCode(200);
                }
                for (int port : stack.instancePorts("cost")) {
                    direct(port).get("/api/v1/clusters/{id}/rates", id).then().statusCode(200);
                }
            });
        }
    }

    @Test
    void agentsReportToEitherHealthInstance() {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        await().atMost(WAIT).until(() -> "Connected".equals(api().get("/api/v1/clusters/{id}/health",
                eks.clusterId()).then().statusCode(200).extract().jsonPath().getString("connectivity")));
        // The agents report through the gateway, which spreads their heartbeats over both instances (counted before
        // this test sends one itself). A read through the gateway on each poll shifts the turn, so two agents'
        // requests cannot stay in step with the round robin.
        await().atMost(WAIT).untilAsserted(() -> {
            api().get("/api/v1/fleet/health").then().statusCode(200);
            for (int port : stack.instancePorts("health")) {
                assertThat(agentReportsHandled(port)).as("agent reports handled by the instance on %d", port)
                        .isPositive();
            }
        });
        // And a heartbeat to either instance directly is taken.
        String agent = stack.tokens().agent(UUID.fromString(eks.clusterId()));
        for (int port : stack.instancePorts("health")) {
            given().port(port).auth().oauth2(agent).contentType("application/json")
                    .body(Map.of("reportId", UUID.randomUUID().toString(), "sentAt", Instant.now().toString()))
                    .post("/api/v1/agent/reports/heartbeat").then().statusCode(200)
                    .body("connectivity", org.hamcrest.Matchers.equalTo("Connected"));
        }
    }

    @Test
    void aLiveStreamOnOneHealthInstanceSeesEventsPostedToTheOther() throws Exception {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        List<Integer> health = stack.instancePorts("health");
        // Both ways: a stream on the second instance, events to the first, and the other way round.
        for (int streaming = 0; streaming < 2; streaming++) {
            int streamPort = health.get(streaming);
            int postPort = health.get(1 - streaming);
            String objectName = "replica-pod-" + Long.toHexString(System.nanoTime());
            HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + streamPort + "/api/v1/clusters/" + eks.clusterId()
                                            + "/events/stream?objectName=" + objectName))
                            .header("Authorization", "Bearer " + admin).header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    stream.body().forEach(lines::add);
                } catch (RuntimeException closed) {
                    // The test closed the stream.
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                awaitLine(lines, "ready", Duration.ofSeconds(20));
                given().port(postPort).auth().oauth2(stack.tokens().agent(UUID.fromString(eks.clusterId())))
                        .contentType("application/json").body(eventBatch(objectName))
                        .post("/api/v1/agent/reports/events").then().statusCode(200);
                assertThat(awaitLine(lines, objectName, Duration.ofSeconds(20)))
                        .as("the stream on %d sees the event posted to %d", streamPort, postPort).isNotNull();
            } finally {
                stream.body().close();
            }
        }
    }

    @Test
    void everyLifecycleEventIsPublishedOnceAndEachServiceConsumesItInOneGroupBothInstancesShare()
            throws Exception {
        Set<String> clusters = new java.util.HashSet<>();
        stack.simulated().all().forEach(c -> clusters.add(c.clusterId()));
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // One group per service, not per instance: each instance's consumer of a topic joined the same group.
            // cost-service consumes two topics, the inventories with three consumers per instance (one per
            // partition: mp.messaging.incoming.inventory.concurrency), so 2 x (1 + 3).
            Map<String, Integer> expectedMembers = Map.of("health-service", 2, "addon-service", 2,
                    "cost-service", 8);
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, ConsumerGroupDescription> groups = kafka.describeConsumerGroups(expectedMembers.keySet())
                        .all().get(10, TimeUnit.SECONDS);
                expectedMembers.forEach((group, members) -> {
                    assertThat(groups.get(group).members()).as(group).hasSize(members);
                    List<TopicPartition> assigned = new ArrayList<>();
                    groups.get(group).members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
                    assertThat(assigned).as("each partition to one member of %s", group).doesNotHaveDuplicates();
                });
            });
            // Each group consumed the whole lifecycle topic: every record went to one instance of each service.
            await().atMost(WAIT).untilAsserted(() -> {
                for (String group : expectedMembers.keySet()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.CLUSTER_LIFECYCLE))
                            .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    assertThat(latest).as(group).isNotEmpty();
                    kafka.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, end) ->
                            assertThat(committed.get(tp).offset()).as("%s on %s", group, tp).isEqualTo(end.offset()));
                }
            });
        }

        // Two outbox relays share the registry's outbox: each event is on the topic once.
        List<ConsumerRecord<String, String>> records = readAll(Topics.CLUSTER_LIFECYCLE);
        List<String> ids = records.stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
        assertThat(ids).doesNotHaveDuplicates();
        for (String cluster : clusters) {
            assertThat(records).filteredOn(r -> cluster.equals(header(r, CloudEventHeaders.SUBJECT))
                    && EventType.CLUSTER_IMPORTED.type().equals(header(r, CloudEventHeaders.TYPE)))
                    .as("imported events of %s", cluster).hasSize(1);
        }
    }

    @Test
    void aSilentClusterIsMarkedDisconnectedOnceThoughBothHealthInstancesSweep() throws Exception {
        SimulatedClusters.Imported k3s = stack.simulated().byName("sim-k3s").orElseThrow();
        await().atMost(WAIT).until(() -> "Connected".equals(api().get("/api/v1/clusters/{id}/health",
                k3s.clusterId()).then().statusCode(200).extract().jsonPath().getString("connectivity")));
        Instant silentFrom = Instant.now();

        stack.child("agent-sim-k3s").stop(Duration.ofSeconds(15));

        await().atMost(WAIT).until(() -> disconnectionsSince(k3s.clusterId(), silentFrom) >= 1);
        // Both instances keep sweeping every second; a second transition would show within a few sweeps.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> disconnectionsSince(k3s.clusterId(), silentFrom) == 1);
        for (int port : stack.instancePorts("health")) {
            assertThat(direct(port).get("/api/v1/clusters/{id}/health", k3s.clusterId()).jsonPath()
                    .getString("connectivity")).isEqualTo("Disconnected");
        }
    }

    private static long disconnectionsSince(String clusterId, Instant since) {
        JsonPath history = api().get("/api/v1/clusters/{id}/health/history", clusterId).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = history.getList("items");
        return items.stream().filter(t -> "connectivity".equals(t.get("kind"))
                && "Disconnected".equals(t.get("current"))
                && Instant.parse((String) t.get("at")).isAfter(since)).count();
    }

    /** Heartbeats an instance took, by its own counters. */
    private static final Pattern AGENT_REPORTS = Pattern.compile(
            "(?m)^mooring_health_heartbeats_total(?:\\{[^}]*})?\\s+([0-9.Ee+-]+)$");

    private static double agentReportsHandled(int port) {
        String metrics = given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        Matcher m = AGENT_REPORTS.matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("No stream line containing " + containing + " within " + timeout);
    }

    private static Map<String, Object> eventBatch(String objectName) {
        Instant now = Instant.now();
        return Map.of("reportId", UUID.randomUUID().toString(), "dropped", 0, "events", List.of(Map.ofEntries(
                Map.entry("uid", UUID.randomUUID().toString()), Map.entry("type", "Warning"),
                Map.entry("reason", "BackOff"), Map.entry("message", "Back-off restarting " + objectName),
                Map.entry("namespace", "shop"), Map.entry("objectKind", "Pod"), Map.entry("objectName", objectName),
                Map.entry("source", "kubelet"), Map.entry("count", 1),
                Map.entry("firstSeen", now.minusSeconds(5).toString()), Map.entry("lastSeen", now.toString()))));
    }

    private static Map<String, Object> importRequest(String name) {
        return Map.of("name", name, "project", SimulatedClusters.PROJECT,
                "cloudType", SimulatedClusters.Spec.parseAll("eks:read-only").get(0).provider().cloudType(),
                "importMode", "read-only");
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(admin);
    }

    private static RequestSpecification direct(int port) {
        return given().port(port).auth().oauth2(admin);
    }
}
