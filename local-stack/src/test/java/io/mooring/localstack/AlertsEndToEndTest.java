package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end, as separate processes: a simulated node goes NotReady, health-service turns the cluster
 * Degraded, and notification-service delivers one signed CloudEvent to a webhook receiver in this test, then one
 * recovery once the node is Ready again. The receiver checks the signature itself, from the secret the API
 * showed once, the way a user's receiver would.
 */
class AlertsEndToEndTest {

    private static final String DATABASES = "mooring_alerts_" + Long.toHexString(System.nanoTime());
    /** The agent's inventory interval below: a NotReady node is in health-service's next evaluation. */
    private static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static String admin;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String id, String timestamp, String signature, String body, Instant at) {
    }

    @BeforeAll
    static void startStack() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-alerts-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 240,
                SimulatedClusters.Spec.parseAll("eks:read-only"),
                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.inventory-min=2s",
                        "mooring.agent.intervals.events-flush=1s"), DATABASES, false));
        // The receiver is on loopback, over plain http: allowed here only, as in notification-service's own tests.
        stack.serviceProperty("mooring.notification.webhooks.allow-private-addresses=true");
        stack.serviceProperty("mooring.notification.webhooks.require-https=false");
        stack.start();
        admin = stack.adminToken();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gateway;
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aNodeGoingNotReadyIsOneSignedDegradedAlertAndItsRecoveryOneMore() throws Exception {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        String project = SimulatedClusters.PROJECT;
        String secret = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("project", project, "name", "e2e-receiver",
                        "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("project", project, "name", "e2e-health", "trigger", "health", "quietPeriod", "PT0S"))
                .post("/api/v1/notification-rules").then().statusCode(201);
        String node = eks.cluster().nodeNames().get(0);
        await().atMost(Duration.ofSeconds(120)).until(() -> "Healthy".equals(health(eks)));

        Instant notReady = Instant.now();
        eks.cluster().nodeNotReady(node);

        await().atMost(Duration.ofSeconds(90)).until(() -> healthAlerts(eks).size() >= 1);
        Received degraded = healthAlerts(eks).get(0);
        JsonNode event = JSON.readTree(degraded.body());
        assertThat(event.get("type").asText()).isEqualTo("io.mooring.alert.health.v1");
        assertThat(event.get("data").get("condition").asText()).isIn("Degraded", "Unhealthy");
        assertThat(event.get("data").get("checks").toString()).contains("node-readiness");
        assertThat(degraded.signature()).isEqualTo(sign(secret, degraded));
        Instant healthSince = Instant.parse(given().auth().oauth2(admin)
                .get("/api/v1/clusters/{id}/health", eks.clusterId()).then().statusCode(200)
                .extract().path("healthSince"));
        assertThat(Duration.between(healthSince, degraded.at())).as("from the transition to the delivery")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(Duration.between(notReady, degraded.at())).as("from the node going NotReady to the delivery")
                .isLessThan(EVALUATION_INTERVAL.plusSeconds(5));

        eks.cluster().nodeReady(node);
        await().atMost(Duration.ofSeconds(90)).until(() -> healthAlerts(eks).size() >= 2);
        // Nothing else follows: one alert for the trouble, one for the recovery.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> healthAlerts(eks).size() == 2);
        Received recovery = healthAlerts(eks).get(1);
        assertThat(JSON.readTree(recovery.body()).get("data").get("condition").asText()).isEqualTo("Healthy");
        assertThat(recovery.signature()).isEqualTo(sign(secret, recovery));
        assertThat(recovery.id()).isNotEqualTo(degraded.id());
    }

    private static List<Received> healthAlerts(SimulatedClusters.Imported cluster) {
        return received.stream().filter(r -> {
            try {
                JsonNode event = JSON.readTree(r.body());
                return "io.mooring.alert.health.v1".equals(event.get("type").asText())
                        && cluster.clusterId().toString().equals(event.get("subject").asText());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String health(SimulatedClusters.Imported cluster) {
        return given().auth().oauth2(admin).get("/api/v1/clusters/{id}/health", cluster.clusterId())
                .then().extract().path("health");
    }

    /** The Standard Webhooks signature, computed here independently of the service's code. */
    private static String sign(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }
}
