package io.mooring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.agent.EventBatch;
import io.mooring.health.service.EventBatchWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The event write queue is bounded: while the database cannot write (a lock held from another connection), the
 * batches beyond the bound are refused at once with 429 and Retry-After, and every batch accepted before is
 * stored once the database can write again.
 */
@QuarkusTest
@TestProfile(EventQueueBoundTest.TinyQueue.class)
class EventQueueBoundTest {

    static final int BOUND = 3;

    public static class TinyQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.health.events.max-queued-batches", String.valueOf(BOUND),
                    "mooring.health.events.busy-retry-after", "7s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventBatchWriter writer;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void aFullQueueRefusesWithRetryAfterAndWhatItAcceptedIsStoredOnceTheDatabaseWrites() throws Exception {
        String project = "queue-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> accepted = new ArrayList<>();

        try (Connection blocker = DriverManager.getConnection(jdbcUrl, user, password.orElse(null))) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                // Every batch write starts by recording its report id: it waits while this lock is held.
                statement.execute("lock table event_report in exclusive mode");
            }
            for (int i = 0; i < BOUND; i++) {
                accepted.add(http.sendAsync(post(id, batch("held-" + i)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.heldBatches() == BOUND);

            HttpResponse<String> refused = http.send(post(id, batch("refused")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"status\":429");
            assertThat(accepted).noneMatch(CompletableFuture::isDone);
            blocker.rollback();
        }

        for (CompletableFuture<HttpResponse<String>> response : accepted) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(writer.heldBatches()).isZero();
        List<String> stored = Clusters.admin("/api/v1/clusters/{id}/events?limit=50", id).then().statusCode(200)
                .extract().jsonPath().getList("items.objectName");
        assertThat(stored).containsExactlyInAnyOrder("held-0", "held-1", "held-2");
    }

    private HttpRequest.Builder post(UUID id, EventBatch batch) throws Exception {
        return HttpRequest.newBuilder(URI.create(base + "api/v1/agent/reports/events"))
                .header("Authorization", "Bearer " + Clusters.TOKENS.agent(id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Clusters.JSON.writeValueAsBytes(batch)));
    }

    private static EventBatch batch(String objectName) {
        return Reports.batch(Reports.event("Warning", "BackOff", "shop", "Pod", objectName, 1, TestClock.now()));
    }
}
