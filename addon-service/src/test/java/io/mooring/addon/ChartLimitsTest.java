package io.mooring.addon;

import static io.mooring.addon.support.Profiles.addOn;
import static io.mooring.addon.support.Profiles.chart;
import static io.mooring.addon.support.Profiles.publish;
import static io.mooring.addon.support.Profiles.uniqueName;
import static io.mooring.addon.support.Profiles.uploadedChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mooring.addon.support.Charts;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chart downloads and Helm renderings are bounded: a chart host that trickles its body is cut off at the download
 * timeout (5 s in tests), and a rendering larger than the rendered-output limit (1 MB in tests) is refused.
 */
@QuarkusTest
class ChartLimitsTest {

    private static HttpServer trickling;
    private static ScheduledExecutorService writer;

    /** A chart repository whose index is served at once and whose archive arrives one byte every 500 ms (minutes for the whole archive). */
    @BeforeAll
    static void startTricklingRepository() throws Exception {
        byte[] archive = Charts.shared().archive("demo-0.1.0.tgz");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        byte[] index = ("apiVersion: v1\nentries:\n  demo:\n    - name: demo\n      version: 0.1.0\n"
                + "      apiVersion: v2\n      digest: " + digest + "\n      urls:\n        - charts/demo-0.1.0.tgz\n")
                .getBytes();
        writer = Executors.newSingleThreadScheduledExecutor();
        trickling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trickling.createContext("/index.yaml", exchange -> {
            exchange.sendResponseHeaders(200, index.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(index);
            }
        });
        trickling.createContext("/charts/", exchange -> trickle(exchange, archive));
        trickling.start();
    }

    private static void trickle(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        int[] sent = {0};
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(writer.scheduleAtFixedRate(() -> {
            try {
                out.write(body[sent[0]++]);
                out.flush();
                if (sent[0] == body.length) {
                    out.close();
                    task.get().cancel(false);
                }
            } catch (IOException | RuntimeException e) {
                // The client gave up (as it should): stop writing.
                exchange.close();
                task.get().cancel(false);
            }
        }, 0, 500, TimeUnit.MILLISECONDS));
    }

    @AfterAll
    static void stopTricklingRepository() {
        trickling.stop(0);
        writer.shutdownNow();
    }

    @Test
    void aChartHostThatTricklesItsBodyIsCutOffAtTheDownloadTimeout() {
        String repository = "http://127.0.0.1:" + trickling.getAddress().getPort() + "/";
        Map<String, Object> layer = chart("slow", "apps", Map.of("repository", repository, "name", "demo",
                "version", "0.1.0"), null);

        long start = System.nanoTime();
        publish(addOn(uniqueName("trickle"), "1.0.0", layer)).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("layers[0].chart"))
                .body("detail", containsString("within 5 s"));
        // Cut off at the timeout, not after the minutes the whole body would take (the bound leaves room for a
        // loaded machine).
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aRenderingLargerThanTheLimitIsRefused() {
        publish(addOn(uniqueName("large"), "1.0.0",
                uploadedChart("padding", "apps", "large-0.1.0.tgz", Map.of("size", 1_200_000))))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("layers[0].chart"))
                .body("errors[0].message", containsString("the limit is 1048576"));
        // Within the limit the same chart renders.
        publish(addOn(uniqueName("large"), "1.0.0",
                uploadedChart("padding", "apps", "large-0.1.0.tgz", Map.of("size", 1000))))
                .statusCode(201).body("layers[0].objects[0].name", equalTo("padding-padding"));
    }
}
