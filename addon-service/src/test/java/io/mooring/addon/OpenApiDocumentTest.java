package io.mooring.addon;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The whole OpenAPI document is a contract: gateway consumers generate clients from docs/api/openapi/addon.yaml (and
 * the merged document built from it), and cluster-agent's tests check the agent against its agent-facing paths, so
 * what this service serves must be what that file says. Every answer the other tests receive is checked against the
 * live document too (mooring.test.validate-responses).
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void servedOpenApiIsTheCommittedDocument() {
        OpenApiSnapshot.assertLiveMatchesCommitted("addon");
    }
}
