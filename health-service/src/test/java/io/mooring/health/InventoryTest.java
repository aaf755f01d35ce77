package io.mooring.health;

import static io.mooring.health.Clusters.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.health.service.InventoryService;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The latest inventory, and InventoryReported when it changes and at least hourly. */
@QuarkusTest
class InventoryTest {

    @Inject
    TestClock clock;

    @Inject
    InventoryService inventories;

    @Test
    void theLatestInventoryServesNodesAndNamespaces() {
        UUID id = Clusters.imported("inv-" + UUID.randomUUID());
        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(404).contentType("application/problem+json");

        var report = Reports.report(Reports.healthy(2));
        Clusters.post(id, "inventory", report).then().statusCode(200).body("accepted", equalTo(true));

        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(200)
                .body("reportId", equalTo(report.reportId().toString()))
                .body("kubernetesVersion", equalTo("v1.30.4"))
                .body("nodes.name", contains("node-1", "node-2"))
                .body("nodes[0].capacity.cpuMillis", equalTo(4000))
                .body("namespaces.name", contains("kube-system", "shop"))
                .body("namespaces[1].labels.team", equalTo("web"))
                .body("pods.total", equalTo(15));
    }

    @Test
    void agentsMaySendReportsGzipCompressed() throws Exception {
        UUID id = Clusters.imported("inv-" + UUID.randomUUID());
        var report = Reports.report(Reports.healthy(3));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(compressed)) {
            gzip.write(Clusters.JSON.writeValueAsBytes(report));
        }
        given().auth().oauth2(Clusters.TOKENS.agent(id))
                .contentType("application/json").header("Content-Encoding", "gzip")
                .body(compressed.toByteArray())
                .post("/api/v1/agent/reports/inventory")
                .then().statusCode(200).body("accepted", equalTo(true));
        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(200)
                .body("reportId", equalTo(report.reportId().toString()))
                .body("nodes.size()", equalTo(3));
    }

    @Test
    void aResentOrOlderReportChangesNothing() {
        UUID id = Clusters.imported("inv-" + UUID.randomUUID());
        var newer = Reports.report(Reports.healthy(3));
        Clusters.post(id, "inventory", newer).then().body("accepted", equalTo(true));

        Clusters.post(id, "inventory", newer).then().statusCode(200).body("accepted", equalTo(false));
        Clusters.post(id, "inventory", Reports.report(Reports.healthy(1), newer.observedAt().minusSeconds(60)))
                .then().statusCode(200).body("accepted", equalTo(false));

        admin("/api/v1/clusters/{id}/inventory", id).then().body("reportId", equalTo(newer.reportId().toString()));
    }

    @Test
    void inventoryReportedIsPublishedWhenTheContentChangesAndAgainAfterAnHour() throws Exception {
        UUID id = Clusters.imported("inv-" + UUID.randomUUID());
        Clusters.heartbeat(id).then().statusCode(200);
        Predicate<ConsumerRecord<String, String>> ofCluster = r -> id.toString().equals(r.key())
                && EventType.INVENTORY_REPORTED.type().equals(TopicReader.header(r, "ce_type"));

        try (TopicReader reader = TopicReader.of(Topics.CLUSTER_INVENTORY)) {
            var first = Reports.report(Reports.healthy(2));
            Clusters.post(id, "inventory", first).then().body("accepted", equalTo(true));
            JsonNode published = Clusters.JSON.readTree(reader.await(ofCluster, 1, Duration.ofSeconds(20)).get(0).value());
            assertThat(published.get("reportId").asText()).isEqualTo(first.reportId().toString());
            assertThat(published.get("cloudType").asText()).isEqualTo("generic");
            assertThat(published.get("project").asText()).startsWith("inv-");
            assertThat(published.get("inventory").get("nodes")).hasSize(2);

            // Same content in a new report: nothing new to tell cost-service.
            Clusters.post(id, "inventory", Reports.report(Reports.healthy(2))).then().body("accepted", equalTo(true));
            var changed = Reports.report(Reports.healthy(3));
            Clusters.post(id, "inventory", changed).then().body("accepted", equalTo(true));
            List<ConsumerRecord<String, String>> records = reader.await(ofCluster, 2, Duration.ofSeconds(20));
            assertThat(records).hasSize(2);
            assertThat(Clusters.JSON.readTree(records.get(1).value()).get("reportId").asText())
                    .isEqualTo(changed.reportId().toString());

            // An hour on, the connected cluster's unchanged inventory is published again by the periodic job.
            clock.advance(Duration.ofMinutes(61));
            Clusters.heartbeat(id).then().statusCode(200);
            int republished = VertxContextSupport.subscribeAndAwait(() -> inventories.republishStale());
            assertThat(republished).isGreaterThanOrEqualTo(1);
            records = reader.await(ofCluster, 3, Duration.ofSeconds(20));
            assertThat(Clusters.JSON.readTree(records.get(2).value()).get("reportId").asText())
                    .isEqualTo(changed.reportId().toString());
            // And only once.
            VertxContextSupport.subscribeAndAwait(() -> inventories.republishStale());
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> reader.readNow(ofCluster).size() == 3);
        } catch (Throwable e) {
            if (e instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e);
        }
    }
}
