package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.health.domain.EventFilter;
import io.mooring.health.domain.StoredEntry;
import io.mooring.health.service.ClusterGone;
import io.mooring.health.service.EventStreamHub;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The live stream sees entries committed after it opened, and only those matching its filters; a caller holds
 * a bounded number of streams, and a stream ends when the token that opened it expires.
 */
@QuarkusTest
class EventStreamTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventStreamHub hub;

    @Test
    void aStreamReceivesNewEntriesAsTheyAreCommitted() throws Exception {
        String project = "st-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        await().atMost(Duration.ofSeconds(10)).until(hub::listening);

        try (Stream all = open(id, "", TOKENS.viewer(project));
                Stream backOffOnly = open(id, "?reason=BackOff", TOKENS.viewer(project))) {
            all.awaitLine("event:ready");
            backOffOnly.awaitLine("event:ready");

            Clusters.post(id, "events", Reports.batch(
                    Reports.event("Warning", "BackOff", "shop", "Pod", "cart-7", 1, TestClock.now()),
                    Reports.event("Normal", "Pulled", "shop", "Pod", "cart-7", 1, TestClock.now())))
                    .then().statusCode(200);

            all.awaitLine("\"reason\":\"BackOff\"");
            all.awaitLine("\"reason\":\"Pulled\"");
            backOffOnly.awaitLine("\"reason\":\"BackOff\"");

            // A second occurrence updates the entry: the stream sees the new count.
            Clusters.post(id, "events", Reports.batch(
                    Reports.event("Warning", "BackOff", "shop", "Pod", "cart-7", 1, TestClock.now())))
                    .then().statusCode(200);
            backOffOnly.awaitLine("\"count\":2");
            assertThat(backOffOnly.lines).noneMatch(l -> l.contains("Pulled"));
        }
    }

    @Test
    void aStreamOfAClusterTheCallerCannotSeeIsNotFound() throws Exception {
        UUID id = Clusters.imported("st-" + UUID.randomUUID());

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/clusters/" + id + "/events/stream"))
                .header("Authorization", "Bearer " + TOKENS.viewer("someone-else"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void aCallerOverTheStreamCapIsRefusedWithRetryAfterUntilOneOfTheirStreamsCloses() throws Exception {
        String project = "st-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        String subject = "cap-" + UUID.randomUUID();
        String token = TOKENS.user(subject, Tokens.VIEWER, project);
        List<Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Stream stream = open(id, "", token);
                stream.awaitLine("event:ready");
                open.add(stream);
            }

            HttpResponse<InputStream> refused = send(id, token);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            // Another caller is not held back by this one's streams.
            try (Stream other = open(id, "", TOKENS.user("other-" + UUID.randomUUID(), Tokens.VIEWER, project))) {
                other.awaitLine("event:ready");
            }

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.streamsOf(subject) == 4);
            try (Stream again = open(id, "", token)) {
                again.awaitLine("event:ready");
            }
        } finally {
            for (Stream stream : open) {
                stream.close();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.streamsOf(subject) == 0);
    }

    @Test
    void aStreamEndsWhenTheTokenThatOpenedItExpires() throws Exception {
        String project = "st-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        String subject = "short-" + UUID.randomUUID();
        String token = TOKENS.userExpiringIn(Duration.ofSeconds(4), subject, Tokens.VIEWER, project);

        try (Stream stream = open(id, "", token)) {
            stream.awaitLine("event:ready");
            assertThat(stream.ended()).isFalse();

            await().atMost(Duration.ofSeconds(30)).until(stream::ended);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.streamsOf(subject) == 0);
    }

    @Test
    void aStreamEndsWithADeletedEventWhenItsClusterIsDeletedThroughTheLifecycleTopic() throws Exception {
        String project = "st-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        String subject = "del-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(10)).until(hub::listening);

        try (Stream stream = open(id, "", TOKENS.user(subject, Tokens.VIEWER, project))) {
            stream.awaitLine("event:ready");
            Clusters.post(id, "events", Reports.batch(
                    Reports.event("Warning", "BackOff", "shop", "Pod", "cart-9", 1, TestClock.now())))
                    .then().statusCode(200);
            stream.awaitLine("\"reason\":\"BackOff\"");

            Clusters.deleted(id, project);

            stream.awaitLine("event:deleted");
            await().atMost(Duration.ofSeconds(20)).until(stream::ended);
            int deleted = stream.lines.indexOf("event:deleted");
            assertThat(stream.lines.get(deleted + 1)).isEqualTo("data:{\"clusterId\":\"" + id + "\"}");
            assertThat(stream.lines.subList(0, deleted)).anyMatch(l -> l.contains("cart-9"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.streamsOf(subject) == 0);
    }

    @Test
    void aWatchThatStartsAfterItsClusterWasDeletedEndsAtOnceAsGone() {
        // The stream's access check can pass just before a deletion commits and its watch start just after: the
        // deletion's notification then reached no watcher, so the watch must find the tombstone by itself.
        String project = "st-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        Clusters.deleted(id, project);

        AssertSubscriber<StoredEntry> watch = hub.watch(id, EventFilter.fromQuery(null, null, null, null, null, null,
                null)).subscribe().withSubscriber(AssertSubscriber.create(10));

        watch.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(ClusterGone.class);
    }

    /** The answer's status and headers; its body is not read (an accepted stream has no end). */
    private HttpResponse<InputStream> send(UUID id, String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/clusters/" + id + "/events/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response;
    }

    private Stream open(UUID id, String query, String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/clusters/" + id + "/events/stream" + query))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new Stream(response.body());
    }

    /** Reads an SSE response line by line on a thread of its own. */
    static final class Stream implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final InputStream body;
        private volatile boolean ended;

        Stream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line.replace(": ", ":"));
                    }
                } catch (Exception e) {
                    // closed
                }
                ended = true;
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Whether the server ended the response (or it was closed here). */
        boolean ended() {
            return ended;
        }

        void awaitLine(String fragment) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains(fragment)));
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

}
