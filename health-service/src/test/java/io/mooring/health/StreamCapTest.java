package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.health.service.EventStreamHub;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An instance holds a bounded number of live streams, whoever holds them: the next is a 503 with Retry-After. */
@QuarkusTest
@TestProfile(StreamCapTest.TwoStreams.class)
class StreamCapTest {

    public static class TwoStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.health.events.max-streams", "2");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventStreamHub hub;

    @Test
    void aStreamBeyondTheInstanceCapIsRefusedWith503AndRetryAfterUntilAnotherCloses() throws Exception {
        String project = "cap-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        HttpResponse<InputStream> first = send(id, token(project));
        HttpResponse<InputStream> second = send(id, token(project));
        try {
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);

            HttpResponse<InputStream> refused = send(id, token(project));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("retry-after")).hasValue("5");
            try (InputStream body = refused.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("holds 2 live event streams already");
            }
        } finally {
            first.body().close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.openStreams() == 1);
        HttpResponse<InputStream> again = send(id, token(project));
        assertThat(again.statusCode()).isEqualTo(200);
        again.body().close();
        second.body().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.openStreams() == 0);
    }

    /** Each stream is another caller's: the per-caller cap is not what refuses them. */
    private static String token(String project) {
        return TOKENS.user("u-" + UUID.randomUUID(), Tokens.VIEWER, project);
    }

    private HttpResponse<InputStream> send(UUID id, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/clusters/" + id + "/events/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
