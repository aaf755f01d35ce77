package io.mooring.addon.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mooring.events.Modes;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.testsupport.EventPublisher;
import io.mooring.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the registry: produces lifecycle CloudEvents (binary mode) to the real broker, and waits until
 * addon-service has taken them in, as its API shows.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** A new cluster of {@code project}, imported in {@code mode}, known to addon-service when this returns. */
    public static UUID importedCluster(String project, String mode) {
        UUID cluster = UUID.randomUUID();
        send(new ClusterImported(cluster, project, "cluster-" + cluster.toString().substring(0, 8), "generic", mode,
                Map.of(), "registry-test", Instant.now()));
        send(new ClusterConnected(cluster, project, mode, "v1.30.2", "generic", "kubeadm", Instant.now()));
        awaitVisible(cluster);
        return cluster;
    }

    public static UUID fullPermissionCluster(String project) {
        return importedCluster(project, Modes.FULL_PERMISSION);
    }

    public static UUID readOnlyCluster(String project) {
        return importedCluster(project, Modes.READ_ONLY);
    }

    /** Sends ModeChanged and answers the event's id; the caller waits for its effect (an attach that succeeds). */
    public static UUID modeChanged(UUID cluster, String project, String from, String to) {
        return send(new ModeChanged(cluster, project, from, to, "registry-test", Instant.now()));
    }

    /** Sends ClusterDeleted and waits until addon-service no longer shows the cluster. */
    public static void deleted(UUID cluster, String project) {
        send(new ClusterDeleted(cluster, project, false, "registry-test", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(Tokens.shared().admin()).get("/api/v1/clusters/" + cluster + "/addons")
                        .statusCode() == 404);
    }

    public static void awaitVisible(UUID cluster) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(Tokens.shared().admin()).get("/api/v1/clusters/" + cluster + "/addons")
                        .statusCode() == 200);
    }

    /** Produces the event as a CloudEvent and answers its id. */
    public static UUID send(MooringEvent event) {
        return EventPublisher.publish(event);
    }
}
