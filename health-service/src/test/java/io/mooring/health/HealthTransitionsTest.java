package io.mooring.health;

import static io.mooring.health.Clusters.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.events.inventory.Inventory;
import io.mooring.health.service.ConnectivityService;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Health judged from inventories and time; every change kept in history and published on Kafka. */
@QuarkusTest
class HealthTransitionsTest {

    @Inject
    TestClock clock;

    @Inject
    ConnectivityService connectivity;

    @Test
    void aNotReadyNodeDegradesTheClusterAndItsRecoveryIsPublishedToo() throws Exception {
        UUID id = connected();
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(3))).then().statusCode(200)
                .body("health", equalTo("Healthy"));

        Clusters.post(id, "inventory", Reports.report(Reports.inventory(List.of(Reports.readyNode("node-1"),
                Reports.readyNode("node-2"), Reports.notReadyNode("node-3")), List.of()))).then()
                .statusCode(200).body("health", equalTo("Degraded"));
        admin("/api/v1/clusters/{id}/health", id).then()
                .body("health", equalTo("Degraded"))
                .body("checks.find { it.name == 'node-readiness' }.status", equalTo("warn"))
                .body("checks.find { it.name == 'node-readiness' }.message",
                        equalTo("1 of 3 nodes is NotReady: node-3 (NodeStatusUnknown)"));

        Clusters.post(id, "inventory", Reports.report(Reports.inventory(List.of(Reports.notReadyNode("node-1")),
                List.of()))).then().body("health", equalTo("Unhealthy"));
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(3))).then().body("health", equalTo("Healthy"));

        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items.findAll { it.kind == 'health' }.current", contains(
                        "Healthy", "Unhealthy", "Degraded", "Healthy", "Unknown"));
        admin("/api/v1/clusters/{id}/health/history", id).then()
                .body("items[2].reasons[0].name", equalTo("node-readiness"))
                .body("items[2].summary", containsString("Healthy → Degraded"));

        try (TopicReader reader = TopicReader.of(Topics.CLUSTER_HEALTH)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> id.toString().equals(r.key())
                    && EventType.CLUSTER_HEALTH_CHANGED.type().equals(TopicReader.header(r, "ce_type")), 5,
                    Duration.ofSeconds(20));
            List<String> currents = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                currents.add(Clusters.JSON.readTree(r.value()).get("current").asText());
            }
            assertThat(currents).containsExactly("Unknown", "Healthy", "Degraded", "Unhealthy", "Healthy");
            JsonNode degraded = Clusters.JSON.readTree(records.get(2).value());
            assertThat(degraded.get("previous").asText()).isEqualTo("Healthy");
            assertThat(degraded.get("connectivity").asText()).isEqualTo("Connected");
            assertThat(degraded.get("checks")).hasSize(7);
            assertThat(TopicReader.header(records.get(2), "ce_source")).isEqualTo("health-service");
            assertThat(TopicReader.header(records.get(2), "ce_subject")).isEqualTo(id.toString());
        }
    }

    @Test
    void historyIsPaginatedNewestFirst() {
        UUID id = connected();
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(1))).then().statusCode(200);
        Clusters.post(id, "inventory", Reports.report(Reports.inventory(List.of(Reports.notReadyNode("n")),
                List.of()))).then().statusCode(200);

        var first = admin("/api/v1/clusters/{id}/health/history?limit=3", id).then().statusCode(200)
                .body("items", hasSize(3)).body("nextCursor", notNullValue()).extract().jsonPath();
        var second = admin("/api/v1/clusters/{id}/health/history?limit=3&cursor=" + first.getString("nextCursor"), id)
                .then().statusCode(200).body("nextCursor", nullValue()).extract().jsonPath();
        List<String> all = new ArrayList<>(first.getList("items.current"));
        all.addAll(second.getList("items.current"));
        // Unhealthy, Healthy (health), Connected (connectivity), Unknown (health, at import): newest first.
        assertThat(all).containsExactly("Unhealthy", "Healthy", "Connected", "Unknown");

        admin("/api/v1/clusters/{id}/health/history?cursor=forged", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        admin("/api/v1/clusters/{id}/health/history?limit=0", id).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aPodPendingTooLongDegradesTheClusterOnTheSweepWithoutANewReport() {
        UUID id = connected();
        var stuckSoon = Reports.pendingSince("shop", "web-7", TestClock.now().minus(Duration.ofMinutes(4)));
        Clusters.post(id, "inventory", Reports.report(Reports.inventory(List.of(Reports.readyNode("n1")),
                List.of(stuckSoon)))).then().statusCode(200).body("health", equalTo("Healthy"));

        clock.advance(Duration.ofMinutes(2));
        Clusters.heartbeat(id).then().statusCode(200);
        sweep();

        admin("/api/v1/clusters/{id}/health", id).then().body("health", equalTo("Degraded"))
                .body("checks.find { it.name == 'pending-pods' }.message",
                        containsString("shop/web-7 (Unschedulable, 6m)"));
    }

    @Test
    void anOldKubernetesVersionIsUnhealthy() {
        UUID id = connected();
        var old = Reports.healthy(1);
        old = new Inventory("v1.18.20", old.detectedProvider(), old.detectedPlatform(),
                old.nodes(), old.namespaces(), old.workloads(), old.allocations(), old.pods(), old.problemPods(),
                old.volumes(), old.metricsAvailable());

        Clusters.post(id, "inventory", Reports.report(old)).then().body("health", equalTo("Unhealthy"));
        admin("/api/v1/clusters/{id}/health", id).then()
                .body("checks.find { it.name == 'kubernetes-version' }.status", equalTo("fail"));
    }

    private static UUID connected() {
        UUID id = Clusters.imported("ht-" + UUID.randomUUID());
        Clusters.heartbeat(id).then().statusCode(200);
        return id;
    }

    private void sweep() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> connectivity.sweep());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
