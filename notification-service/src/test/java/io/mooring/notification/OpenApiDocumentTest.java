package io.mooring.notification;

import io.mooring.testsupport.OpenApiSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * notification-service's OpenAPI document is a contract (docs/api/openapi/notification.yaml, merged into the
 * gateway's document by api-contract). A change is committed on purpose: regenerate with -Dmooring.openapi.write=true.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void servedOpenApiIsTheCommittedDocument() {
        OpenApiSnapshot.assertLiveMatchesCommitted("notification");
    }
}
