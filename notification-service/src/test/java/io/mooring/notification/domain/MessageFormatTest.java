package io.mooring.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Alert alert = new Alert(UUID.randomUUID(), "io.mooring.alert.health.v1", UUID.randomUUID(),
            Instant.parse("2026-12-04T10:00:00Z"), Map.of("rule", "prod health", "condition", "Degraded",
                    "summary", "Health is Degraded", "project", "payments", "problem", true));

    @Test
    void cloudEventsIsAStructuredCloudEventCarryingTheAlertAsData() throws Exception {
        JsonNode body = JSON.readTree(MessageFormat.CLOUDEVENTS.render(alert, JSON));

        assertThat(body.get("specversion").asText()).isEqualTo("1.0");
        assertThat(body.get("id").asText()).isEqualTo(alert.id().toString());
        assertThat(body.get("type").asText()).isEqualTo("io.mooring.alert.health.v1");
        assertThat(body.get("source").asText()).isEqualTo(Alert.SOURCE);
        assertThat(body.get("subject").asText()).isEqualTo(alert.clusterId().toString());
        assertThat(body.get("time").asText()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(body.get("data").get("condition").asText()).isEqualTo("Degraded");
        assertThat(MessageFormat.CLOUDEVENTS.contentType()).isEqualTo("application/cloudevents+json");
    }

    @Test
    void slackGetsTextAndBlocks() throws Exception {
        JsonNode body = JSON.readTree(MessageFormat.SLACK.render(alert, JSON));

        assertThat(body.get("text").asText()).contains("prod health").contains("Health is Degraded");
        assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
    }

    @Test
    void teamsGetsAMessageCard() throws Exception {
        JsonNode body = JSON.readTree(MessageFormat.TEAMS.render(alert, JSON));

        assertThat(body.get("@type").asText()).isEqualTo("MessageCard");
        assertThat(body.get("text").asText()).isEqualTo("Health is Degraded");
        assertThat(body.get("themeColor").asText()).isEqualTo("D83B01");
    }
}
