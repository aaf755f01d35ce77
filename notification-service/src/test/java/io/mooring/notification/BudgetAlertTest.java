package io.mooring.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.events.payload.CostAccrued;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The budget rule on month-to-date cost that cost-service publishes (CostAccrued), computed by hand: a project
 * budget of 1,000 alerting at 50, 80 and 100 %, and a cluster budget of 500 alerting at 80 %.
 */
@QuarkusTest
class BudgetAlertTest {

    @Inject
    Pool pool;

    @Test
    void aProjectBudgetIsCrossedAt50Then80Then100PercentAndAClusterBudgetAt80() throws Exception {
        String project = Alerts.project();
        UUID a = Alerts.cluster(project, pool);
        UUID b = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            Alerts.endpoint(project, receiver.url(), "cloudevents");
            Alerts.rule(project, Map.of("project", project, "name", "project budget", "trigger", "budget",
                    "budget", Map.of("monthlyAmount", 1000, "thresholds", List.of(50, 80, 100))));
            Alerts.rule(project, Map.of("project", project, "name", "cluster a budget", "trigger", "budget",
                    "clusterId", a.toString(), "budget", Map.of("monthlyAmount", 500, "thresholds", List.of(80))));
            Instant t = Instant.parse("2026-12-10T08:00:00Z");

            // a 300 + b 450 = 750: 75 % of the project's 1,000, past 50 %; a alone 60 % of its 500.
            Alerts.publish(cost(a, project, "300.00", t));
            Alerts.publish(cost(b, project, "450.00", t));
            // An older figure for a arrives late: it changes nothing.
            Alerts.publish(cost(a, project, "10.00", t.minusSeconds(3600)));
            // a 400 + b 450 = 850: 85 %, past 80 %; a alone 400 / 500 = 80 %, its threshold.
            Alerts.publish(cost(a, project, "400.00", t.plusSeconds(3600)));
            // a 400 + b 599.99 = 999.99: 99 %, not yet 100 %.
            Alerts.publish(cost(b, project, "599.99", t.plusSeconds(3600)));
            // a 400 + b 600 = 1,000: 100 %.
            Alerts.publish(cost(b, project, "600.00", t.plusSeconds(7200)));

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() >= 4);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.delivered().size() == 4);
            var data = receiver.delivered().stream().map(r -> r.json().get("data")).toList();
            assertThat(data).filteredOn(d -> d.get("scope").asText().equals("project"))
                    .extracting(d -> d.get("threshold").asInt() + "% at " + d.get("monthToDate").decimalValue()
                            .stripTrailingZeros().toPlainString())
                    .containsExactly("50% at 750", "80% at 850", "100% at 1000");
            assertThat(data).filteredOn(d -> d.get("scope").asText().equals("cluster")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.get("threshold").asInt()).isEqualTo(80);
                        assertThat(d.get("monthToDate").decimalValue()).isEqualByComparingTo("400");
                        assertThat(d.get("clusterId").asText()).isEqualTo(a.toString());
                        assertThat(d.get("month").asText()).isEqualTo("2026-12");
                    });
            assertThat(receiver.delivered()).allSatisfy(r -> assertThat(r.json().get("type").asText())
                    .isEqualTo("io.mooring.alert.budget.v1"));
        }
    }

    private static CostAccrued cost(UUID cluster, String project, String amount, Instant at) {
        return new CostAccrued(cluster, project, "2026-12", new BigDecimal(amount), "USD", at);
    }
}
