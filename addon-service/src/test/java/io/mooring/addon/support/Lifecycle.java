package io.mooring.addon.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.EventType;
import io.mooring.events.Modes;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.testsupport.KafkaBroker;
import io.mooring.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the registry: produces lifecycle CloudEvents (binary mode) to the real broker, and waits until
 * addon-service has taken them in, as its API shows.
 */
public final class Lifecycle {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

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
        EventType type = EventType.of(event);
        UUID id = UUID.randomUUID();
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), event.clusterId().toString(),
                    JSON.writeValueAsString(event));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", id.toString());
            header(record, "ce_source", "registry-service");
            header(record, "ce_type", type.type());
            header(record, "ce_subject", event.clusterId().toString());
            header(record, "ce_time", event.occurredAt().toString());
            header(record, "content-type", "application/json");
            producer().send(record).get();
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaBroker.shared().bootstrapServers()), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
