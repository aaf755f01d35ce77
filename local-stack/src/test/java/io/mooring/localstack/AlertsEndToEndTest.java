package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.restassured.RestAssured;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end, as separate processes: a simulated node goes NotReady, health-service turns the cluster
 * Degraded, and notification-service delivers one signed CloudEvent to a webhook receiver in this test, then one
 * recovery once the node is Ready again; and a cluster's budget is crossed at 80 % and then at 100 % by the cost
 * cost-service accrues from the cluster's inventories. The receiver checks the signature itself, from the secret the
 * API showed once, the way a user's receiver would.
 */
class AlertsEndToEndTest {

    private static final String DATABASES = "mooring_alerts_" + Long.toHexString(System.nanoTime());
    /** The agent's inventory interval below: a NotReady node is in health-service's next evaluation. */
    private static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Amounts read exactly: budgets, costs and percentages are compared to the last digit. */
    private static final ObjectReader DECIMALS = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /**
     * How many accruals' worth of cost the cluster must have before its budget is set: then one accrual moves cost
     * by at most 1/40 of it, far less than the 20 % between the two thresholds of a budget near that cost, so they
     * are crossed by different accruals.
     */
    private static final int ACCRUALS_BEFORE_BUDGET = 40;

    private static LocalStack stack;
    private static String admin;
    private static WebhookReceiver receiver;
    private static String receiverSecret;

    @BeforeAll
    static void startStack() throws Exception {
        receiver = WebhookReceiver.start();

        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-alerts-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 240,
                SimulatedClusters.Spec.parseAll("eks:read-only"),
                // inventory-max: the agent sends its (unchanged) inventory every 2 s, so cost accrues every 2 s.
                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.inventory-min=2s",
                        "mooring.agent.intervals.inventory-max=2s", "mooring.agent.intervals.events-flush=1s"),
                DATABASES, false));
        WebhookReceiver.allowIn(stack);
        // health-service publishes an unchanged inventory only this often (1h by default); cost-service accrues
        // only the inventories published, so this lets every one of the agent's reach it.
        stack.serviceProperty("mooring.health.inventory.republish-every=1s");
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
            receiver.close();
        }
    }

    @Test
    void aNodeGoingNotReadyIsOneSignedDegradedAlertAndItsRecoveryOneMore() throws Exception {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        String project = SimulatedClusters.PROJECT;
        String secret = receiverSecret(project);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("project", project, "name", "e2e-health", "trigger", "health", "quietPeriod", "PT0S"))
                .post("/api/v1/notification-rules").then().statusCode(201);
        String node = eks.cluster().nodeNames().get(0);
        await().atMost(Duration.ofSeconds(120)).until(() -> "Healthy".equals(health(eks)));

        Instant notReady = Instant.now();
        eks.cluster().nodeNotReady(node);

        await().atMost(Duration.ofSeconds(90)).until(() -> healthAlerts(eks).size() >= 1);
        WebhookReceiver.Received degraded = healthAlerts(eks).get(0);
        JsonNode event = JSON.readTree(degraded.body());
        assertThat(event.get("type").asText()).isEqualTo("io.mooring.alert.health.v1");
        assertThat(event.get("data").get("condition").asText()).isIn("Degraded", "Unhealthy");
        assertThat(event.get("data").get("checks").toString()).contains("node-readiness");
        assertThat(degraded.signature()).isEqualTo(WebhookReceiver.sign(secret, degraded));
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
        WebhookReceiver.Received recovery = healthAlerts(eks).get(1);
        assertThat(JSON.readTree(recovery.body()).get("data").get("condition").asText()).isEqualTo("Healthy");
        assertThat(recovery.signature()).isEqualTo(WebhookReceiver.sign(secret, recovery));
        assertThat(recovery.id()).isNotEqualTo(degraded.id());
    }

    @Test
    void aClusterBudgetIsAlertedOnceAt80AndOnceAt100PercentAsItsRealCostAccrues() throws Exception {
        SimulatedClusters.Imported eks = stack.simulated().byName("sim-eks").orElseThrow();
        String project = SimulatedClusters.PROJECT;
        String secret = receiverSecret(project);
        String month = YearMonth.now(ZoneOffset.UTC).toString();

        // The month-to-date cost as it grows, one accrual after another; the largest recent step is one accrual's
        // worth (or more, when two fell between readings: that only makes the wait longer).
        AtomicReference<BigDecimal> cost = new AtomicReference<>(monthToDate(eks));
        List<BigDecimal> steps = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            BigDecimal now = monthToDate(eks);
            BigDecimal step = now.subtract(cost.getAndSet(now));
            if (step.signum() > 0) {
                steps.add(step);
            }
            // At least a cent, so that the four decimals of the published cost and of the budget are fine enough.
            assertThat(steps.size() >= 3 && now.compareTo(new BigDecimal("0.01")) >= 0
                    && now.compareTo(recentAccrual(steps).multiply(BigDecimal.valueOf(ACCRUALS_BEFORE_BUDGET))) >= 0)
                    .as("month-to-date cost %s after the increments %s", now, steps).isTrue();
        });
        BigDecimal current = cost.get();
        BigDecimal accrual = recentAccrual(steps);
        // Current cost is at least 85 % of the budget, so the next figure notification-service sees is past 80 %
        // (or, if it still had older ones to read, one of the next is, each under 1/40 of the cost higher); 100 %
        // is 7 to 10 accruals away, several after the rule exists and without a long wait however old the cluster.
        BigDecimal budget = current.divide(new BigDecimal("0.85"), 4, RoundingMode.HALF_UP)
                .min(current.add(accrual.multiply(BigDecimal.TEN)).setScale(4, RoundingMode.HALF_UP));
        String ruleId = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("project", project, "name", "e2e-cluster-budget", "trigger", "budget",
                        "clusterId", eks.clusterId(),
                        "budget", Map.of("monthlyAmount", budget, "thresholds", List.of(80, 100))))
                .post("/api/v1/notification-rules").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(120)).until(() -> budgetAlerts(ruleId).size() >= 1);
        BigDecimal costAfter80 = monthToDate(eks);
        await().atMost(Duration.ofSeconds(240)).until(() -> budgetAlerts(ruleId).size() >= 2);
        BigDecimal costAfter100 = monthToDate(eks);
        // Nothing else follows: cost keeps growing past 100 %, the highest percentage, and each is told once.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> budgetAlerts(ruleId).size() == 2);

        List<WebhookReceiver.Received> alerts = budgetAlerts(ruleId);
        WebhookReceiver.Received at80 = alerts.get(0);
        WebhookReceiver.Received at100 = alerts.get(1);
        for (WebhookReceiver.Received alert : alerts) {
            assertThat(alert.signature()).isEqualTo(WebhookReceiver.sign(secret, alert));
            JsonNode event = DECIMALS.readTree(alert.body());
            assertThat(event.get("type").asText()).isEqualTo("io.mooring.alert.budget.v1");
            assertThat(event.get("subject").asText()).isEqualTo(eks.clusterId());
            JsonNode data = event.get("data");
            assertThat(data.get("trigger").asText()).isEqualTo("budget");
            assertThat(data.get("scope").asText()).isEqualTo("cluster");
            assertThat(data.get("clusterId").asText()).isEqualTo(eks.clusterId());
            assertThat(data.get("problem").asBoolean()).isTrue();
            assertThat(data.get("month").asText()).isEqualTo(month);
            assertThat(data.get("currency").asText()).isEqualTo("USD");
            assertThat(data.get("budget").decimalValue()).isEqualByComparingTo(budget);
            BigDecimal amount = data.get("monthToDate").decimalValue();
            // The percentage is of the amount told, rounded down.
            assertThat(data.get("percent").asInt()).isEqualTo(amount.multiply(BigDecimal.valueOf(100))
                    .divide(budget, 0, RoundingMode.DOWN).intValueExact());
            assertThat(data.get("condition").asText()).isEqualTo(data.get("threshold").asInt() + "%");
        }
        assertThat(alerts).extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();

        JsonNode first = DECIMALS.readTree(at80.body()).get("data");
        assertThat(first.get("threshold").asInt()).isEqualTo(80);
        assertThat(first.get("percent").asInt()).isBetween(80, 99);
        assertThat(first.has("previous")).isFalse();
        // The cost told is cost-service's real figure (published with four decimals), not one made up later.
        assertThat(first.get("monthToDate").decimalValue())
                .isLessThanOrEqualTo(costAfter80.add(new BigDecimal("0.00005")));

        JsonNode second = DECIMALS.readTree(at100.body()).get("data");
        assertThat(second.get("threshold").asInt()).isEqualTo(100);
        assertThat(second.get("percent").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(second.get("previous").asText()).isEqualTo("80%");
        assertThat(second.get("monthToDate").decimalValue())
                .isGreaterThan(first.get("monthToDate").decimalValue())
                .isLessThanOrEqualTo(costAfter100.add(new BigDecimal("0.00005")));
        assertThat(at100.at()).isAfter(at80.at());
    }

    /** The alerts of one rule that reached the receiver, in the order they arrived. */
    private static List<WebhookReceiver.Received> budgetAlerts(String ruleId) {
        return receiver.received().stream().filter(r -> {
            try {
                JsonNode event = JSON.readTree(r.body());
                return "io.mooring.alert.budget.v1".equals(event.get("type").asText())
                        && ruleId.equals(event.path("data").path("ruleId").asText());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The cluster's cost this month (UTC) so far, exact, as cost-service reports it. */
    private static BigDecimal monthToDate(SimulatedClusters.Imported cluster) throws Exception {
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String body = given().auth().oauth2(admin).queryParam("from", monthStart.toString())
                .queryParam("aggregate", "cluster")
                .get("/api/v1/clusters/{id}/cost", cluster.clusterId()).then().statusCode(200).extract().asString();
        JsonNode totals = DECIMALS.readTree(body).path("totals");
        return totals.isEmpty() ? BigDecimal.ZERO : totals.get(0).get("totalCost").decimalValue();
    }

    /**
     * The largest of the last five increments: one accrual's worth, or more. Not of all of them: the first may
     * span the cluster's whole history so far (read before its first accrual), and would never be outgrown.
     */
    private static BigDecimal recentAccrual(List<BigDecimal> steps) {
        return steps.subList(Math.max(0, steps.size() - 5), steps.size()).stream().max(BigDecimal::compareTo)
                .orElseThrow();
    }

    /**
     * The one endpoint of the project, pointing at the receiver, created by whichever test comes first: every
     * enabled endpoint receives every alert of the project, so a second one would double each delivery.
     */
    private static synchronized String receiverSecret(String project) {
        if (receiverSecret == null) {
            receiverSecret = given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("project", project, "name", "e2e-receiver",
                            "url", receiver.url()))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        }
        return receiverSecret;
    }

    private static List<WebhookReceiver.Received> healthAlerts(SimulatedClusters.Imported cluster) {
        return receiver.received().stream().filter(r -> {
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
}
