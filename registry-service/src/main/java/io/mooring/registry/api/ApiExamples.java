package io.mooring.registry.api;

/**
 * The request and answer examples of the registry's OpenAPI document, written once for the resources that share
 * them. They are what the service sends (nulls included), so the document's examples validate against its schemas.
 */
final class ApiExamples {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "#/components/schemas/Problem";

    static final String CLUSTER_ID = "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11";

    static final String CREATE_REQUEST = """
            {"name": "prod-eu-1", "project": "payments", "cloudType": "eks", "importMode": "read-only",
             "description": "Production, Frankfurt", "labels": {"env": "prod", "team": "payments"}}""";
    static final String UPDATE_REQUEST = """
            {"description": "Production, Frankfurt (primary)", "labels": {"env": "prod", "tier": "gold"}}""";

    static final String PENDING_CLUSTER = """
            {"id": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "name": "prod-eu-1", "project": "payments",
             "description": "Production, Frankfurt", "labels": {"env": "prod", "team": "payments"},
             "cloudType": "eks", "importMode": "read-only", "status": "Pending", "pendingMigration": null,
             "detectedProvider": null, "detectedPlatform": null, "providerMismatch": null, "kubernetesVersion": null,
             "agentVersion": null, "agentPermissions": null, "connectedAt": null, "lastSeenAt": null,
             "reRegistrations": 0, "lastReRegisteredAt": null, "identityConflict": null, "createdBy": "alice",
             "createdAt": "2026-01-15T10:00:00Z", "updatedAt": "2026-01-15T10:00:00Z", "deletionRequestedBy": null,
             "deletionRequestedAt": null}""";
    static final String RUNNING_CLUSTER = """
            {"id": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "name": "prod-eu-1", "project": "payments",
             "description": "Production, Frankfurt", "labels": {"env": "prod", "team": "payments"},
             "cloudType": "eks", "importMode": "read-only", "status": "Running", "pendingMigration": null,
             "detectedProvider": "eks", "detectedPlatform": "eks", "providerMismatch": false,
             "kubernetesVersion": "v1.30.4-eks-a737599", "agentVersion": "0.1.0", "agentPermissions": "read-only",
             "connectedAt": "2026-01-15T10:04:12Z", "lastSeenAt": "2026-01-15T11:20:00Z", "reRegistrations": 0,
             "lastReRegisteredAt": null, "identityConflict": null, "createdBy": "alice",
             "createdAt": "2026-01-15T10:00:00Z", "updatedAt": "2026-01-15T10:04:12Z", "deletionRequestedBy": null,
             "deletionRequestedAt": null}""";
    static final String MIGRATING_CLUSTER = """
            {"id": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "name": "prod-eu-1", "project": "payments",
             "description": "Production, Frankfurt", "labels": {"env": "prod", "team": "payments"},
             "cloudType": "eks", "importMode": "read-only", "status": "Running",
             "pendingMigration": {"to": "full-permission", "requestedBy": "alice",
               "requestedAt": "2026-01-16T09:00:00Z"},
             "detectedProvider": "eks", "detectedPlatform": "eks", "providerMismatch": false,
             "kubernetesVersion": "v1.30.4-eks-a737599", "agentVersion": "0.1.0", "agentPermissions": "read-only",
             "connectedAt": "2026-01-15T10:04:12Z", "lastSeenAt": "2026-01-16T08:59:30Z", "reRegistrations": 0,
             "lastReRegisteredAt": null, "identityConflict": null, "createdBy": "alice",
             "createdAt": "2026-01-15T10:00:00Z", "updatedAt": "2026-01-16T09:00:00Z", "deletionRequestedBy": null,
             "deletionRequestedAt": null}""";

    static final String IMPORT_INSTRUCTIONS = "{\"cluster\": " + PENDING_CLUSTER + """
            , "importCommand": {
              "command": "kubectl apply -f https://mooring.example.com/api/v1/import/Xq9vB2mK7pL4sT1wZ8cN5rD3fG6hJ0aQeYuIoP2kLm4.yaml",
              "manifestUrl": "https://mooring.example.com/api/v1/import/Xq9vB2mK7pL4sT1wZ8cN5rD3fG6hJ0aQeYuIoP2kLm4.yaml",
              "importMode": "read-only", "expiresAt": "2026-01-16T10:00:00Z"}}""";
    static final String MIGRATION_INSTRUCTIONS = "{\"cluster\": " + MIGRATING_CLUSTER + """
            , "importCommand": {
              "command": "kubectl apply -f https://mooring.example.com/api/v1/import/Rt5yU8iO1pA4sD7fG0hJ3kL6zX9cV2bN5mQ8wE1rT4y.yaml",
              "manifestUrl": "https://mooring.example.com/api/v1/import/Rt5yU8iO1pA4sD7fG0hJ3kL6zX9cV2bN5mQ8wE1rT4y.yaml",
              "importMode": "full-permission", "expiresAt": "2026-01-17T09:00:00Z"}}""";
    static final String CLUSTER_PAGE = "{\"items\": [" + RUNNING_CLUSTER + "], \"nextCursor\": null}";

    static final String CLUSTER_SUMMARY = """
            {"total": 12, "byStatus": {"Pending": 1, "Running": 10, "Deleting": 1},
             "byImportMode": {"read-only": 8, "full-permission": 4},
             "byCloudType": {"generic": 3, "aws": 0, "eks": 5, "azure": 0, "aks": 2, "gcp": 0, "gke": 2,
                             "vsphere": 0, "openshift": 0, "eks-anywhere": 0},
             "byDetectedProvider": {"eks": 5, "aks": 2, "gke": 2, "openshift": 2, "not-detected": 1}}""";

    static final String DELETING = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "status": "Deleting", "forced": false,
             "agentCleansUp": false, "cleanup": {
               "command": "kubectl delete --ignore-not-found -f https://mooring.example.com/api/v1/import/cleanup/Lp0oK9iJ8uH7yG6tF5rD4eS3wA2qZ1xC0vB9nM8kJ7h.yaml",
               "manifestUrl": "https://mooring.example.com/api/v1/import/cleanup/Lp0oK9iJ8uH7yG6tF5rD4eS3wA2qZ1xC0vB9nM8kJ7h.yaml",
               "expiresAt": "2026-01-22T12:00:00Z"}}""";
    static final String DELETED = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "status": "Deleted", "forced": true,
             "agentCleansUp": false, "cleanup": {
               "command": "kubectl delete --ignore-not-found -f https://mooring.example.com/api/v1/import/cleanup/Lp0oK9iJ8uH7yG6tF5rD4eS3wA2qZ1xC0vB9nM8kJ7h.yaml",
               "manifestUrl": "https://mooring.example.com/api/v1/import/cleanup/Lp0oK9iJ8uH7yG6tF5rD4eS3wA2qZ1xC0vB9nM8kJ7h.yaml",
               "expiresAt": "2026-01-22T12:00:00Z"}}""";

    static final String CAPABILITIES = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "cloudType": "eks", "importMode": "read-only",
             "capabilities": [
               {"operation": "view-health", "allowed": true, "reason": null},
               {"operation": "attach-addon-profile", "allowed": false, "reason": "requires full-permission mode"},
               {"operation": "download-kubeconfig", "allowed": false,
                "reason": "get the kubeconfig from the cluster's own provider"},
               {"operation": "migrate-to-full-permissions", "allowed": true, "reason": null}]}""";

    static final String JWKS = """
            {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "Yc3k0m8dQ2rW",
              "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
              "e": "AQAB"}]}""";

    static final String IMPORT_MANIFEST = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: mooring-system
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: mooring-agent
              namespace: mooring-system
            stringData:
              MOORING_PLATFORM_URL: https://mooring.example.com
              MOORING_IMPORT_TOKEN: Vb7nM4kL1pO8iU5yT2rE9wQ6aS3dF0gH7jK4lZ1xC8v
            ---
            # ...the agent's ServiceAccount, RBAC, identity Secret and Deployment
            """;
    static final String CLEANUP_MANIFEST = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: mooring-system
            ---
            # ...the cluster roles and bindings the import installed
            """;

    static final String NOT_FOUND = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster not found."}""";
    static final String DELETING_CONFLICT = """
            {"type": "https://mooring.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "The cluster is being deleted."}""";
    static final String CONCURRENT_CHANGE = """
            {"type": "https://mooring.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "The cluster was changed by another request at the same time; read it again and retry."}""";

    private ApiExamples() {
    }
}
