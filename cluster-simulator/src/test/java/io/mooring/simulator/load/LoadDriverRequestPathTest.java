package io.mooring.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The driver's whole request path against a real HTTP server on a random port, standing in for health-service. */
class LoadDriverRequestPathTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void agentsComeBackAfterRetryAfterThenEveryReportIsCountedTimedAndSentAsTheServiceReadsIt() throws Exception {
        List<UUID> clusters = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        try (FakeHealthService service = new FakeHealthService(0, true)) {
            Map<String, String> options = agentsOf(clusters, service);
            options.put("compression", "100"); // a heartbeat every 300 ms
            options.put("batch-size", "10");
            options.put("batch-every", "1s");
            options.put("inventory-every", "2s");
            options.put("nodes", "5");
            options.put("ramp", "0s");
            options.put("duration", "4s");
            options.put("warm-up", "20s");
            options.put("max-in-flight", "1024"); // none held back, even on a busy machine
            options.put("user-token", "user-token");
            options.put("summary", dir.resolve("summary.txt").toString());

            Map<String, String> summary = LoadDriver.run(options);

            // The warm-up: each agent's first heartbeat was answered 503 with Retry-After, and each came back.
            assertThat(service.retryAfterSent.sum()).isEqualTo(20);
            long heartbeats = service.answered("heartbeat") - 20; // the warm-up's, accepted on the second try
            long events = service.answered("events");
            long inventories = service.answered("inventory");
            assertThat(heartbeats + events + inventories).as("requests answered in the run").isGreaterThan(100);
            assertThat(inventories).isPositive();
            // Every request answered is counted, none failed or was held back, and each accepted one was timed.
            assertThat(summary).containsEntry("failed", "0").containsEntry("not_sent", "0")
                    .containsEntry("accepted", String.valueOf(heartbeats + events + inventories))
                    .containsEntry("inventories", String.valueOf(inventories))
                    .containsEntry("reads_failed", "0").containsEntry("clusters", "20")
                    .containsKeys("offered", "heartbeat_p99_ms", "batch_p50_ms", "events_per_s", "slow_seconds",
                            "read_fleet_health_p99_ms", "read_fleet_health_page_p99_ms");
            assertThat(Long.parseLong(summary.get("offered"))).isEqualTo(heartbeats + events + inventories);
            assertThat(Double.parseDouble(summary.get("heartbeat_p50_ms"))).isPositive();
            assertThat(Double.parseDouble(summary.get("batch_p99_ms"))).isPositive();
            assertThat(Double.parseDouble(summary.get("events_per_s"))).isPositive();
            assertThat(Files.readString(dir.resolve("summary.txt"))).contains("accepted=" + summary.get("accepted"));

            // Event batches and inventories go gzipped; a batch decodes to the JSON the service reads.
            assertThat(service.gzipped.sum()).isEqualTo(events + inventories);
            JsonObject batch = new JsonObject(service.lastEvents.get());
            assertThat(batch.getString("reportId")).isNotBlank();
            JsonArray list = batch.getJsonArray("events");
            assertThat(list).hasSize(10);
            JsonObject event = list.getJsonObject(0);
            assertThat(event.getString("objectKind")).isEqualTo("Pod");
            assertThat(event.getString("uid")).isNotBlank();
            assertThat(event.getInteger("count")).isEqualTo(1);
            assertThat(new JsonObject(service.lastHeartbeat.get()).getString("agentVersion")).isEqualTo("load-0.1");
            // Each agent with its own token; the console's reads with the user's.
            assertThat(service.authorizations).contains("Bearer user-token")
                    .containsAll(clusters.stream().map(id -> "Bearer token-" + id).toList());
        }
    }

    @Test
    @Timeout(60)
    void theConsoleReadsRunThroughTheRampAsTheAgentsDoAndAreTimedOnlyInTheMeasuredWindow() throws Exception {
        List<UUID> clusters = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        try (FakeHealthService service = new FakeHealthService(0, false)) {
            Map<String, String> options = agentsOf(clusters, service);
            options.put("batch-size", "0");
            options.put("ramp", "3s");
            options.put("duration", "1s");
            options.put("warm-up", "20s");
            options.put("user-token", "user-token");
            options.put("read-every", "50ms");

            Map<String, String> summary = LoadDriver.run(options);

            // Two reads every 50 ms: about 40 in the measured second, 160 with the ramp's three seconds. Timed ones
            // are bounded by half of those answered, not by 40: a busy machine's timer catches up in bursts.
            long answered = service.answered("other");
            assertThat(answered).as("reads answered").isGreaterThan(80);
            long timed = Long.parseLong(summary.get("read_fleet_health_timed"))
                    + Long.parseLong(summary.get("read_fleet_health_page_timed"));
            assertThat(timed).as("reads timed").isPositive().isLessThan(answered / 2);
            assertThat(summary).containsEntry("reads_failed", "0")
                    .containsKeys("read_fleet_health_p99_ms", "read_fleet_health_page_p99_ms");
        }
    }

    /** The driver's options for {@code clusters}, each with its own token, against {@code service}. */
    private Map<String, String> agentsOf(List<UUID> clusters, FakeHealthService service) throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, clusters.stream().map(id -> id + " token-" + id).collect(Collectors.joining("\n")));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", "http://127.0.0.1:" + service.port());
        options.put("tokens-file", tokens.toString());
        return options;
    }

    @Test
    void aGzippedBodyIsTheStandardFormatAndDecodesToTheSameJsonWhateverItsSize() {
        String small = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"events\":[]}";
        assertThat(FakeHealthService.gunzip(LoadDriver.body(small, true))).isEqualTo(small);
        // Larger than the compressor's first buffer, and hardly compressible.
        StringBuilder big = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (big.length() < 200_000) {
            big.append(Long.toString(random.nextLong(), 36));
        }
        assertThat(FakeHealthService.gunzip(LoadDriver.body(big.toString(), true))).isEqualTo(big.toString());
        String inventory = InventoryBodies.inventory(UUID.randomUUID(), 50, java.time.Instant.now());
        assertThat(FakeHealthService.gunzip(LoadDriver.body(inventory, true))).isEqualTo(inventory);
        assertThat(LoadDriver.body(small, false)).isEqualTo(Buffer.buffer(small.getBytes(StandardCharsets.UTF_8)));
    }
}
