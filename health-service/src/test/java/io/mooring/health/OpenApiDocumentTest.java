package io.mooring.health;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * health-service's whole OpenAPI document is a contract: API-gateway consumers generate clients from
 * docs/api/openapi/health.yaml and cluster-agent's tests check the agent against it, so what this service serves
 * must be what that file says. A change is committed on purpose: regenerate with -Dmooring.openapi.write=true.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void servedOpenApiIsTheCommittedDocument() {
        OpenApiSnapshot.assertLiveMatchesCommitted("health");
    }
}
