package io.mooring.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.CloudEventHeaders;
import io.mooring.events.EventType;
import io.mooring.events.Modes;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.testsupport.KafkaBroker;
import io.mooring.testsupport.Tokens;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates and removes clusters the way production does: lifecycle CloudEvents on the real broker, as the
 * registry's outbox would publish them. Also posts agent reports with the cluster's own agent token.
 */
public final class Clusters {

    public static final Tokens TOKENS = Tokens.shared();
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

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
    public static synchronized UUID publish(MooringEvent event, UUID eventId) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaBroker.shared().bootstrapServers()), new StringSerializer(), new StringSerializer());
        }
        EventType type = EventType.of(event);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), event.clusterId().toString(),
                    JSON.writeValueAsString(event));
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.ID, eventId.toString());
            header(record, CloudEventHeaders.TYPE, type.type());
            header(record, CloudEventHeaders.SOURCE, "registry-service");
            header(record, CloudEventHeaders.SUBJECT, event.clusterId().toString());
            header(record, CloudEventHeaders.TIME, event.occurredAt().toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
        return eventId;
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response heartbeat(UUID cluster) {
        return post(cluster, "heartbeat", Reports.heartbeat());
    }

    public static Response admin(String path, Object... params) {
        return given().auth().oauth2(TOKENS.admin()).get(path, params);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
