package io.mooring.addon;

import static io.mooring.addon.support.Api.attach;
import static io.mooring.addon.support.Profiles.configMap;
import static io.mooring.addon.support.Profiles.publishedManifests;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.addon.support.Api;
import io.mooring.addon.support.Lifecycle;
import io.mooring.events.Modes;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterDeletionTest {

    private static final String PROJECT = "logistics";

    @Inject
    Pool pool;

    @Test
    void aDeletedClustersAttachmentsGoAndItsAgentIsRefused() {
        UUID cluster = Lifecycle.fullPermissionCluster(PROJECT);
        String profile = publishedManifests("doomed", "1.0.0", "apps", configMap("x"));
        String attachment = attach(PROJECT, cluster, profile, "1.0.0").statusCode(201).extract().path("id");

        Lifecycle.deleted(cluster, PROJECT);

        Api.viewer(PROJECT).get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(404);
        attach(PROJECT, cluster, profile, "1.0.0").statusCode(404);
        Api.desiredState(cluster).statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("This cluster has been deleted; its agent is refused."));
        Api.agent(cluster).body(Map.of("layers", List.of(Map.of("attachmentId", attachment, "generation", 1,
                "layer", "config", "status", "Deployed")))).post("/api/v1/agent/addons/status").then()
                .statusCode(403);
        // Nothing holds the version any more.
        Api.admin().delete("/api/v1/addon-profiles/" + profile + "/versions/1.0.0").then().statusCode(204);

        // A late lifecycle event, once handled, does not bring the cluster back.
        UUID late = Lifecycle.modeChanged(cluster, PROJECT, Modes.READ_ONLY, Modes.FULL_PERMISSION);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> pool
                .preparedQuery("select count(*) from mooring_processed_event where event_id = $1")
                .execute(Tuple.of(late)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);
        Api.viewer(PROJECT).get("/api/v1/clusters/" + cluster + "/addons").then().statusCode(404);
        Api.desiredState(cluster).statusCode(403);
    }
}
