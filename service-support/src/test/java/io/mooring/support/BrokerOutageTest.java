package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.Topics;
import io.mooring.testsupport.KafkaBroker;
import io.mooring.testsupport.Tokens;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The service runs against a broker of its own here, so stopping it cannot disturb the other tests. */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        static final KafkaBroker BROKER = KafkaBroker.startNew();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", BROKER.bootstrapServers(),
                    "mooring.outbox.publish-timeout", "3s");
        }
    }

    @Inject
    Pool pool;

    @Inject
    MeterRegistry metrics;

    @Test
    void whileTheBrokerIsDownTheServiceStaysReadyReportsTheBrokerDownAndEventsWaitThenArePublishedInOrder() {
        UUID cluster = UUID.randomUUID();
        String operator = Tokens.shared().operator("test");
        OwnBroker.BROKER.stop();
        try {
            double failuresBefore = failures();
            for (int seq = 0; seq < 3; seq++) {
                given().auth().oauth2(operator).contentType("application/json")
                        .body(Map.of("clusterId", cluster.toString(), "name", "outage", "seq", seq))
                        .post("/api/v1/widgets").then().statusCode(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore);
            assertThat(unpublished(cluster)).isEqualTo(3);
            given().get("/q/health/ready").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/broker")
                    .then().statusCode(503).body("checks.find { it.name == 'Kafka' }.status", equalTo("DOWN")));
            await().atMost(Duration.ofSeconds(10)).until(() -> brokerAvailable() == 0);
            // Readiness means "can serve the API": neither our broker check nor the channels' own checks (which
            // notice a lost connection within seconds) take the service out while the broker is away.
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
                given().get("/q/health/ready").then().statusCode(200).body("checks.name", not(hasItem("Kafka")));
                given().get("/q/health/live").then().statusCode(200);
            });
            given().auth().oauth2(operator).contentType("application/json")
                    .body(Map.of("clusterId", cluster.toString(), "name", "outage", "seq", 3))
                    .post("/api/v1/widgets").then().statusCode(200);
        } finally {
            OwnBroker.BROKER.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(cluster) == 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/broker")
                .then().statusCode(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> brokerAvailable() == 1);
        try (TopicReader reader = new TopicReader(OwnBroker.BROKER.bootstrapServers(), Topics.CLUSTER_LIFECYCLE)) {
            List<ConsumerRecord<String, String>> records = reader.await(r -> cluster.toString().equals(r.key()), 4,
                    Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::value).satisfiesExactly(
                    v -> assertThat(v).contains("outage-0"),
                    v -> assertThat(v).contains("outage-1"),
                    v -> assertThat(v).contains("outage-2"),
                    v -> assertThat(v).contains("outage-3"));
        }
    }

    private double brokerAvailable() {
        return metrics.get("mooring.broker.available").gauge().value();
    }

    private double failures() {
        return metrics.counter("mooring.outbox.publish.failures").count();
    }

    private long unpublished(UUID cluster) {
        return pool.preparedQuery("select count(*) from mooring_outbox where record_key = $1 and published_at is null")
                .execute(Tuple.of(cluster.toString())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
