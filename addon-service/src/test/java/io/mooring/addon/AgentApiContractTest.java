package io.mooring.addon;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The agent-facing endpoints are a contract: cluster-agent's tests check the agent against
 * docs/api/openapi/addon.yaml, so what this service serves under /api/v1/agent must be what that file says.
 */
@QuarkusTest
class AgentApiContractTest {

    @Test
    void agentFacingOpenApiIsTheCommittedContract() {
        OpenApiSnapshot.assertLiveMatchesCommitted("addon", "/api/v1/agent");
    }
}
