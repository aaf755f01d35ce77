package io.mooring.notification.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body an endpoint receives: a structured-mode CloudEvent (JSON), or a message Slack's or Microsoft Teams'
 * incoming webhooks post as they are. Every format is signed the same way and carries the CloudEvent id as
 * {@code webhook-id}.
 */
public enum MessageFormat {
    CLOUDEVENTS("cloudevents"), SLACK("slack"), TEAMS("teams");

    public static final String CLOUDEVENTS_MEDIA_TYPE = "application/cloudevents+json";

    private final String wire;

    MessageFormat(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static MessageFormat fromWire(String value) {
        for (MessageFormat f : values()) {
            if (f.wire.equals(value == null ? null : value.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown format: " + value);
    }

    public String contentType() {
        return this == CLOUDEVENTS ? CLOUDEVENTS_MEDIA_TYPE : "application/json";
    }

    public String render(Alert alert, ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        String title = title(alert);
        String text = String.valueOf(alert.data().getOrDefault("summary", ""));
        switch (this) {
            case CLOUDEVENTS -> {
                body.put("specversion", "1.0");
                body.put("id", alert.id().toString());
                body.put("source", Alert.SOURCE);
                body.put("type", alert.type());
                if (alert.clusterId() != null) {
                    body.put("subject", alert.clusterId().toString());
                }
                body.put("time", alert.time().toString());
                body.put("datacontenttype", "application/json");
                body.put("data", alert.data());
            }
            case SLACK -> {
                body.put("text", title + ": " + text);
                body.put("blocks", List.of(
                        Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)),
                        Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)),
                        Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                                "text", "Project " + alert.data().get("project") + " · cluster "
                                        + alert.data().getOrDefault("clusterName", alert.clusterId()) + " · "
                                        + alert.time() + " · id " + alert.id())))));
            }
            case TEAMS -> {
                body.put("@type", "MessageCard");
                body.put("@context", "https://schema.org/extensions");
                body.put("summary", title);
                body.put("title", title);
                body.put("text", text);
                body.put("themeColor", Boolean.TRUE.equals(alert.data().get("problem")) ? "D83B01" : "2EB886");
                body.put("sections", List.of(Map.of("facts", List.of(
                        Map.of("name", "Project", "value", String.valueOf(alert.data().get("project"))),
                        Map.of("name", "Cluster", "value",
                                String.valueOf(alert.data().getOrDefault("clusterName", alert.clusterId()))),
                        Map.of("name", "Time", "value", alert.time().toString()),
                        Map.of("name", "Alert id", "value", alert.id().toString())))));
            }
            default -> throw new IllegalStateException();
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert is always writable as JSON", e);
        }
    }

    private static String title(Alert alert) {
        return "Mooring: " + alert.data().getOrDefault("rule", "alert") + " — "
                + alert.data().getOrDefault("condition", "");
    }
}
