package io.mooring.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.MooringEvent;
import io.mooring.events.Modes;
import io.mooring.events.payload.ClusterImported;
import io.mooring.testsupport.EventPublisher;
import io.mooring.testsupport.Tokens;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Sets up what the tests need the way users and the platform do: the API, and events on the real broker. */
final class Alerts {

    static final Tokens TOKENS = Tokens.shared();
    static final ObjectMapper JSON = EventPublisher.json();

    record Endpoint(UUID id, String secret) {
    }

    private Alerts() {
    }

    static String project() {
        return "n-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Endpoint endpoint(String project, String url, String format) {
        Response created = given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(Map.of("project", project, "name", "hook-" + UUID.randomUUID(), "url", url, "format", format))
                .post("/api/v1/webhooks");
        created.then().statusCode(201);
        return new Endpoint(UUID.fromString(created.path("id")), created.path("secret"));
    }

    static UUID rule(String project, String trigger, String quietPeriod) {
        return rule(project, Map.of("project", project, "name", trigger + "-" + UUID.randomUUID(), "trigger", trigger,
                "quietPeriod", quietPeriod));
    }

    static UUID rule(String project, Map<String, Object> body) {
        Response created = given().auth().oauth2(TOKENS.operator(project)).contentType("application/json")
                .body(body).post("/api/v1/notification-rules");
        created.then().statusCode(201);
        return UUID.fromString(created.path("id"));
    }

    /** A cluster of {@code project}, known to the service's directory. */
    static UUID cluster(String project, Pool pool) {
        UUID id = UUID.randomUUID();
        EventPublisher.publish(new ClusterImported(id, project, "c-" + id.toString().substring(0, 8), "generic",
                Modes.READ_ONLY, Map.of(), "otto-operator", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("select count(*) from mooring_cluster where cluster_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);
        return id;
    }

    static UUID publish(MooringEvent event) {
        return EventPublisher.publish(event);
    }

    static UUID publish(MooringEvent event, UUID eventId) {
        return EventPublisher.publish(event, eventId);
    }
}
