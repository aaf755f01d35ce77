package io.mooring.apicontract;

import java.util.List;

/**
 * The services behind the gateway whose OpenAPI documents ({@code docs/api/openapi/<service>.yaml}) make up the
 * merged document. A new service is added here, in the order its document is merged; {@code MergedDocumentTest}
 * fails while a document in that folder is missing from this list.
 */
public final class ApiServices {

    public static final List<String> ALL = List.of("registry", "health", "addon", "cost", "notification");

    private ApiServices() {
    }
}
