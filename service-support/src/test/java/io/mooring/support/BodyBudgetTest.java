package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.support.api.BodyLimits;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bound on the bytes of bodies held at once that is smaller than a route's own limit must not make that route's
 * larger bodies unusable: a body is always taken when no other is held, and only then counts against the others.
 * Here the service holds 16K of bodies at once while POST /api/v1/widgets takes up to 56K.
 */
@QuarkusTest
@TestProfile(BodyBudgetTest.SmallBudget.class)
class BodyBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.http.bodies-in-progress", "16K");
        }
    }

    private final Tokens tokens = Tokens.shared();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI base;

    @Inject
    BodyLimits bodies;

    @Test
    void aBodyLargerThanTheBoundIsTakenWhenNoOtherIsHeldAndRefusesOthersWhileHeld() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() == 0);
        assertThat(post(30_000).statusCode()).isEqualTo(200);

        // One request sends 20,000 of its announced 30,000 bytes and stops: taken, since nothing else was held.
        try (Socket stalled = StalledBodies.stall(base, tokens.operator("test"), 30_000, 20_000)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() >= 20_000);

            HttpResponse<String> refused = post(1_000);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("/service-busy");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.heldBytes() == 0);
        assertThat(post(30_000).statusCode()).isEqualTo(200);
    }

    /** A widget whose JSON, padded with white space, is {@code size} bytes long. */
    private HttpResponse<String> post(int size) throws Exception {
        String widget = "{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"padded\",\"seq\":1}";
        String body = widget + " ".repeat(Math.max(0, size - widget.length()));
        return client.send(HttpRequest.newBuilder(base.resolve("/api/v1/widgets"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.operator("test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
