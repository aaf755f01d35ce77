package io.mooring.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.Modes;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.testsupport.EventPublisher;
import io.mooring.testsupport.Tokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Creates and removes clusters the way production does: lifecycle CloudEvents on the real broker, as the
 * registry's outbox would publish them. Also posts agent reports with the cluster's own agent token.
 */
public final class Clusters {

    public static final Tokens TOKENS = Tokens.shared();
    public static final ObjectMapper JSON = EventPublisher.json();

    private Clusters() {
    }

    /** A new cluster in {@code project}, announced on the lifecycle topic; returns once the service knows it. */
    public static UUID imported(String project) {
        UUID id = UUID.randomUUID();
        publish(new ClusterImported(id, project, "c-" + id.toString().substring(0, 8), "generic", Modes.READ_ONLY,
                Map.of("env", "test"), "otto-operator", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TOKENS.admin())
                .get("/api/v1/clusters/{id}/health", id).statusCode() == 200);
        return id;
    }

    public static UUID publish(MooringEvent event) {
        return publish(event, UUID.randomUUID());
    }

    /** Publishes {@code event} as a binary-mode CloudEvent with id {@code eventId}; returns the id. */
    public static UUID publish(MooringEvent event, UUID eventId) {
        return EventPublisher.publish(event, eventId);
    }

    public static void deleted(UUID id, String project) {
        publish(new ClusterDeleted(id, project, false, "ada-admin", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TOKENS.admin())
                .get("/api/v1/clusters/{id}/health", id).statusCode() == 404);
    }

    public static void modeChanged(UUID id, String project) {
        publish(new ModeChanged(id, project, Modes.READ_ONLY, Modes.FULL_PERMISSION, "otto-operator", Instant.now()));
    }

    public static Response post(UUID cluster, String report, Object body) {
        try {
            return given().auth().oauth2(TOKENS.agent(cluster)).contentType("application/json")
                    .body(JSON.writeValueAsString(body)).post("/api/v1/agent/reports/" + report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response heartbeat(UUID cluster) {
        return post(cluster, "heartbeat", Reports.heartbeat());
    }

    public static Response admin(String path, Object... params) {
        return given().auth().oauth2(TOKENS.admin()).get(path, params);
    }

}
