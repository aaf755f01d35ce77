package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusReportTest {

    private static final String PROJECT = "retail";
    private static TopicReader deployments;

    @BeforeAll
    static void readDeployments() {
        deployments = TopicReader.of(Topics.ADDON_DEPLOYMENTS);
    }

    @AfterAll
    static void close() {
        deployments.close();
    }

    @Test
    void reportedStatesAreShownAndPublishedOnceEach() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("reported", "1.0.0", "shop", configMap("cart"));
        String attachment = attach(PROJECT, cluster, profile, "1.0.0").statusCode(201).extract().path("id");

        // Attaching put the layer in Pending, published too.
        ConsumerRecord<String, String> pending = awaitEvent(cluster, r -> r.value().contains("\"status\":\"Pending\""));
        assertThat(TopicReader.header(pending, "ce_source")).isEqualTo("addon-service");

        report(cluster, attachment, 1, "config", "Applying", null).body("changed", equalTo(1));
        report(cluster, attachment, 1, "config", "Deployed", null).body("changed", equalTo(1));
        report(cluster, attachment, 1, "config", "Deployed", null).body("changed", equalTo(0))
                .body("ignored", hasSize(0));

        Api.attachments(PROJECT, cluster).statusCode(200)
                .body("items[0].status", equalTo("Deployed"))
                .body("items[0].layers[0].status", equalTo("Deployed"));

        report(cluster, attachment, 1, "config", "Failed", "configmaps \"cart\" is forbidden").body("changed",
                equalTo(1));
        Api.viewer(PROJECT).get("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(200)
                .body("status", equalTo("Failed"))
                .body("layers[0].message", equalTo("configmaps \"cart\" is forbidden"));

        ConsumerRecord<String, String> failed = awaitEvent(cluster, r -> r.value().contains("\"status\":\"Failed\""));
        assertThat(TopicReader.header(failed, "ce_type")).isEqualTo(EventType.ADDON_DEPLOYMENT_CHANGED.type());
        assertThat(TopicReader.header(failed, "ce_subject")).isEqualTo(cluster.toString());
        assertThat(failed.value()).contains("\"previousStatus\":\"Deployed\"")
                .contains("\"profile\":\"" + profile + "\"").contains("\"layer\":\"config\"")
                .contains("\"project\":\"" + PROJECT + "\"").contains("\"attachmentId\":\"" + attachment + "\"")
                .contains("\"message\":\"configmaps \\\"cart\\\" is forbidden\"");
        // Events of one cluster are in order; the repeated Deployed report published nothing.
        List<String> statuses = deployments.readNow(r -> cluster.toString().equals(r.key())).stream()
                .map(r -> JsonPath.from(r.value()).getString("status")).toList();
        assertThat(statuses).containsExactly("Pending", "Applying", "Deployed", "Failed");
    }

    @Test
    void updatesAboutOtherAttachmentsLayersOrGenerationsAreIgnored() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        UUID other = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("ignored", "1.0.0", "shop", configMap("a"));
        String mine = attach(PROJECT, cluster, profile, "1.0.0").statusCode(201).extract().path("id");
        String theirs = attach(PROJECT, other, profile, "1.0.0").statusCode(201).extract().path("id");

        report(cluster, theirs, 1, "config", "Deployed", null).body("changed", equalTo(0))
                .body("ignored[0].attachmentId", equalTo(theirs));
        report(cluster, mine, 1, "nope", "Deployed", null).body("ignored[0].layer", equalTo("nope"));
        report(cluster, mine, 7, "config", "Deployed", null).body("ignored[0].reason",
                equalTo("generation 7 is not the attachment's current generation 1"));
        Api.attachments(PROJECT, other).body("items[0].status", equalTo("Pending"));
    }

    @Test
    void badReportsAreRefusedWithTheFields() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        Api.agent(cluster).body(Map.of("layers", List.of(Map.of("attachmentId", UUID.randomUUID().toString(),
                "generation", 1, "layer", "config", "status", "Failed"))))
                .post("/api/v1/agent/addons/status").then().statusCode(400)
                .body("errors[0].field", equalTo("layers[0].message"));
        Api.agent(cluster).body(Map.of("layers", List.of(Map.of("attachmentId", UUID.randomUUID().toString(),
                "generation", 1, "layer", "config", "status", "Exploded"))))
                .post("/api/v1/agent/addons/status").then().statusCode(400)
                .body("errors[0].field", equalTo("layers[0].status"));
        Api.agent(cluster).body(Map.of("prunedRevision", 1))
                .post("/api/v1/agent/addons/status").then().statusCode(400)
                .body("errors[0].field", equalTo("layers"));
    }

    @Test
    void pruningReportedThroughARevisionClearsTheRemovedObjects() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("pruned", "1.0.0", "shop", configMap("gone"));
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(201);
        Api.operator(PROJECT).delete("/api/v1/clusters/" + cluster + "/addons/" + profile).then().statusCode(204);
        JsonPath withRemovals = Api.desiredState(cluster).statusCode(200).extract().jsonPath();
        assertThat(withRemovals.getList("removed")).hasSize(1);
        long revision = withRemovals.getLong("revision");

        Api.agent(cluster).body(Map.of("layers", List.of(), "prunedRevision", revision))
                .post("/api/v1/agent/addons/status").then().statusCode(200);

        JsonPath after = Api.desiredState(cluster).statusCode(200).extract().jsonPath();
        assertThat(after.getList("removed")).isEmpty();
        assertThat(after.getLong("revision")).isEqualTo(revision + 1);
        // Nothing left to forget: the revision stays.
        Api.agent(cluster).body(Map.of("layers", List.of(), "prunedRevision", revision + 1))
                .post("/api/v1/agent/addons/status").then().statusCode(200);
        assertThat(Api.desiredState(cluster).extract().jsonPath().getLong("revision")).isEqualTo(revision + 1);
    }

    private static ValidatableResponse report(UUID cluster, String attachment, long generation,
            String layer, String status, String message) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("attachmentId", attachment);
        update.put("generation", generation);
        update.put("layer", layer);
        update.put("status", status);
        if (message != null) {
            update.put("message", message);
        }
        return Api.agent(cluster).body(Map.of("layers", List.of(update))).post("/api/v1/agent/addons/status")
                .then().statusCode(200).contentType("application/json");
    }

    private static ConsumerRecord<String, String> awaitEvent(UUID cluster, Predicate<ConsumerRecord<String, String>> match) {
        return deployments.await(r -> cluster.toString().equals(r.key()) && match.test(r), 1, Duration.ofSeconds(20))
                .get(0);
    }
}
