package io.mooring.cost.api;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * cost-service's OpenAPI document is committed as docs/api/openapi/cost.yaml, the contract gateway consumers load
 * and generate clients from: what the service serves must be what that file says, so a change to it is deliberate.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertLiveMatchesCommitted("cost");
    }
}
