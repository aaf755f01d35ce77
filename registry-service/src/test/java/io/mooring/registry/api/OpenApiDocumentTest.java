package io.mooring.registry.api;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The whole OpenAPI document is a contract: gateways and generated clients are built from
 * docs/api/openapi/registry.yaml, and cluster-agent's tests check the agent against its agent paths, so what this
 * service serves must be what that file says.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCommittedContract() {
        OpenApiSnapshot.assertLiveMatchesCommitted("registry");
    }
}
