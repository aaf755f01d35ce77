package io.mooring.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.agent.domain.InventoryAggregatorTest;
import io.mooring.agent.support.FakePlatform;
import io.mooring.agent.support.PlatformContract;
import io.mooring.agent.support.PlatformContract.Operation;
import io.mooring.events.Modes;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.LayerStatusUpdate;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.addons.StatusReportResult;
import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentFacts;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import io.mooring.simulator.ClusterFixture;
import io.mooring.simulator.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The agent's client against the services' OpenAPI documents (docs/api/openapi), without a cluster: every call the
 * agent makes is a documented operation with a valid body, and every documented answer is one the agent reads. The
 * whole-agent tests check the same on every request through {@code AgentHarness}; this one is the quick reference.
 */
class PlatformContractTest {

    private static final ObjectMapper JSON = PlatformJson.mapper();
    private static final PlatformContract CONTRACT = PlatformContract.shared();
    private static final AgentFacts FACTS = new AgentFacts("0.1.0-test", "v1.30.2-eks-1234", "eks", "eks", Modes.FULL_PERMISSION);

    /** The agent's calls: its client's paths, and the type it reads each 200 answer as (null: it reads none). */
    private static final Map<String, Class<?>> AGENT_CALLS = Map.of(
            "POST " + PlatformClient.REGISTER, AgentCredential.class,
            "POST " + PlatformClient.TOKEN, AgentCredential.class,
            "POST " + PlatformClient.STATUS, AgentStatusReply.class,
            "POST " + PlatformClient.HEARTBEAT, Void.class,
            "POST " + PlatformClient.INVENTORY, Void.class,
            "POST " + PlatformClient.EVENTS, Void.class,
            "GET " + PlatformClient.ADDONS, DesiredState.class,
            "POST " + PlatformClient.ADDONS_STATUS, StatusReportResult.class);

    @Test
    void everyCallOfTheClientIsADocumentedOperationWithAValidBody() {
        try (FakePlatform platform = new FakePlatform()) {
            PlatformClient client = new PlatformClient(URI.create(platform.url()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                    true, JSON, "0.1.0-test");

            AgentCredential first = client.register(new RegisterRequest(platform.issueImportToken(), FACTS, UUID.randomUUID().toString()));
            AgentCredential credential = client.refresh(new RefreshRequest(first.clusterId(), first.refreshSecret()));
            String token = credential.accessToken();
            client.status(token, new AgentStatus(FACTS, false));
            client.heartbeat(token, new Heartbeat(UUID.randomUUID(), Instant.now(), "0.1.0-test", Modes.FULL_PERMISSION));
            client.inventory(token, new InventoryReport(UUID.randomUUID(), Instant.now(),
                    InventoryAggregatorTest.aggregate(ClusterFixture.generate(Provider.EKS, 2, 5), 500)));
            Instant seen = Instant.now();
            client.events(token, new EventBatch(UUID.randomUUID(), List.of(new ClusterEvent("uid-1", "Warning", "BackOff",
                    "Back-off restarting failed container", "shop", "Pod", "cart-7d9f", "kubelet", 3, seen.minusSeconds(60), seen)), 2));
            PlatformClient.DesiredAnswer desired = client.desiredState(token, null);
            assertThat(client.desiredState(token, desired.etag()).notModified()).isTrue();
            client.addonStatus(token, new StatusReport(List.of(new LayerStatusUpdate(UUID.randomUUID(), 1, "config", LayerState.DEPLOYED,
                    "applied 3 objects")), 4L));

            assertThat(platform.requests).hasSize(9);
            platform.assertKeptTheContract();
        }
    }

    @Test
    void theAgentCallsOnlyDocumentedOperations() {
        for (String call : AGENT_CALLS.keySet()) {
            String[] methodAndPath = call.split(" ");
            assertThat(CONTRACT.operation(methodAndPath[0], methodAndPath[1])).as(call).isPresent();
        }
    }

    @Test
    void everyDocumentedAnswerOfTheAgentsCallsValidatesAndIsReadByTheAgent() throws Exception {
        for (Map.Entry<String, Class<?>> call : AGENT_CALLS.entrySet()) {
            String[] methodAndPath = call.getKey().split(" ");
            Operation operation = CONTRACT.operation(methodAndPath[0], methodAndPath[1]).orElseThrow();
            Map<String, JsonNode> examples = CONTRACT.examples(operation, 200);
            assertThat(examples).as("examples of %s", call.getKey()).isNotEmpty();
            for (Map.Entry<String, JsonNode> example : examples.entrySet()) {
                assertThat(CONTRACT.validateAnswer(operation, 200, example.getValue())).as("%s: %s", call.getKey(), example.getKey()).isEmpty();
                if (call.getValue() != Void.class) {
                    Object read = JSON.treeToValue(example.getValue(), call.getValue());
                    // Read back and written again, nothing the document shows is lost: the agent's types name every field.
                    assertThat(JSON.readTree(JSON.writeValueAsString(read))).as("%s: %s", call.getKey(), example.getKey())
                            .isEqualTo(JSON.readTree(JSON.writeValueAsString(example.getValue())));
                }
            }
        }
    }

    @Test
    void aRenamedFieldAMissingTokenAndAnUnknownPathBreakTheContract() {
        byte[] renamed = ("{\"reportId\": \"" + UUID.randomUUID() + "\", \"sentAt\": \"2026-01-15T10:15:00Z\", \"version\": \"0.1.0\","
                + " \"permissions\": \"read-only\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("authorization", "Bearer t", "content-type", "application/json");

        assertThat(CONTRACT.checkRequest("POST", PlatformClient.HEARTBEAT, headers, renamed))
                .singleElement().asString().contains("version");
        assertThat(CONTRACT.checkRequest("POST", PlatformClient.HEARTBEAT, Map.of("content-type", "application/json"), "{}".getBytes(
                StandardCharsets.UTF_8))).singleElement().asString().contains("bearer token");
        assertThat(CONTRACT.checkRequest("POST", "/api/v1/agent/reports/heartbeats", headers, "{}".getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("not in the platform's OpenAPI documents");
        assertThat(CONTRACT.checkResponse("POST", PlatformClient.TOKEN, 200, "application/json",
                "{\"clusterId\": \"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11\", \"token\": \"t\"}".getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("token");
    }
}
