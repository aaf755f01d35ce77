package io.mooring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterImported;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The committed AsyncAPI document, applied to records shaped as the outbox relay writes them. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final EventContract CONTRACT = EventContract.committed();

    private final UUID cluster = UUID.randomUUID();
    private final ClusterImported imported = new ClusterImported(cluster, "payments", "prod-eu", "eks", "read-only",
            Map.of("env", "prod"), "alice", Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void aRecordAsTheRelayWritesItMatches() throws Exception {
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                headers(EventType.CLUSTER_IMPORTED), JSON.writeValueAsString(imported))).isEmpty();
        ClusterHealthChanged health = new ClusterHealthChanged(cluster, "payments", "Healthy", "Degraded", "Connected",
                List.of(new ClusterHealthChanged.CheckResult("nodes", "fail", "1 of 3 nodes NotReady")),
                Instant.parse("2026-11-25T10:00:00Z"));
        Map<String, String> traced = headers(EventType.CLUSTER_HEALTH_CHANGED);
        traced.put("ce_traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(CONTRACT.violations(Topics.CLUSTER_HEALTH, cluster.toString(), traced,
                JSON.writeValueAsString(health))).isEmpty();
    }

    @Test
    void everyTopicOfTheEventsModuleIsAChannel() {
        assertThat(CONTRACT.topics()).contains(Topics.CLUSTER_LIFECYCLE, Topics.CLUSTER_HEALTH,
                Topics.CLUSTER_INVENTORY, Topics.ADDON_DEPLOYMENTS);
    }

    @Test
    void aTypeOnAnotherTopicThanItsOwnIsRefused() throws Exception {
        assertThat(CONTRACT.violations(Topics.CLUSTER_HEALTH, cluster.toString(), headers(EventType.CLUSTER_IMPORTED),
                JSON.writeValueAsString(imported))).singleElement().asString()
                .contains("no message of channel " + Topics.CLUSTER_HEALTH);
        assertThat(CONTRACT.violations("mooring.elsewhere", cluster.toString(), headers(EventType.CLUSTER_IMPORTED),
                JSON.writeValueAsString(imported))).singleElement().asString().contains("no channel");
    }

    @Test
    void aPayloadWithAFieldTheDocumentDoesNotNameOrWithoutARequiredOneIsRefused() throws Exception {
        ObjectNode extra = JSON.valueToTree(imported);
        extra.put("region", "eu-west-1");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                headers(EventType.CLUSTER_IMPORTED), extra.toString())).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("payload").contains("region"));
        ObjectNode missing = JSON.valueToTree(imported);
        missing.remove("project");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                headers(EventType.CLUSTER_IMPORTED), missing.toString()))
                .anySatisfy(v -> assertThat(v).contains("payload").contains("project"));
        ObjectNode wrongType = JSON.valueToTree(imported);
        wrongType.put("labels", "env=prod");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(),
                headers(EventType.CLUSTER_IMPORTED), wrongType.toString())).isNotEmpty();
    }

    @Test
    void missingOrMalformedCloudEventHeadersAndAKeyThatIsNoClusterIdAreRefused() throws Exception {
        String value = JSON.writeValueAsString(imported);
        Map<String, String> noId = headers(EventType.CLUSTER_IMPORTED);
        noId.remove("ce_id");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(), noId, value))
                .anySatisfy(v -> assertThat(v).contains("headers").contains("ce_id"));
        Map<String, String> badSpec = headers(EventType.CLUSTER_IMPORTED);
        badSpec.put("ce_specversion", "0.3");
        badSpec.put("ce_subject", "not-a-uuid");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(), badSpec, value)).hasSize(2);
        Map<String, String> unknown = headers(EventType.CLUSTER_IMPORTED);
        unknown.put("x-debug", "1");
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, cluster.toString(), unknown, value))
                .anySatisfy(v -> assertThat(v).contains("x-debug"));
        assertThat(CONTRACT.violations(Topics.CLUSTER_LIFECYCLE, "prod-eu", headers(EventType.CLUSTER_IMPORTED),
                value)).anySatisfy(v -> assertThat(v).contains("key"));
    }

    private Map<String, String> headers(EventType type) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_source", "registry-service");
        headers.put("ce_type", type.type());
        headers.put("ce_subject", cluster.toString());
        headers.put("ce_time", "2026-11-25T10:00:00Z");
        headers.put("content-type", "application/json");
        return headers;
    }
}
