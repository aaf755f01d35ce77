package io.mooring.health.api;

import io.mooring.support.api.Problem;
import io.mooring.support.api.openapi.SharedOpenApi;

/**
 * Texts and examples of health-service's OpenAPI document that several operations share. Annotation values must be
 * constants, so they live here rather than being built; each example is an answer the service really sends.
 */
final class ApiDocs {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String PROBLEM_SCHEMA = SharedOpenApi.PROBLEM;
    static final String CLUSTER_ID = "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11";

    static final String USER_ROLES = "Needs a user token with the role mooring-viewer or a higher one"
            + " (mooring-operator, mooring-admin); a user sees only the clusters of their projects, an admin every"
            + " cluster.";
    static final String AGENT_TOKEN = "Needs the agent token the registry issued to the cluster's agent (a JWT signed"
            + " with the registry's agent key, role mooring-agent); the cluster is the token's subject, so an agent"
            + " reports only for its own cluster. User tokens are refused with 403.";

    static final String BAD_QUERY = "A query parameter is not valid (a filter, a cursor of another query or cluster,"
            + " a limit outside 1..500); every invalid parameter is named in errors.";
    static final String BAD_REPORT = "The body is not valid: not JSON, of the wrong shape, a field missing or out of"
            + " range, or a time further ahead of the server's clock than the allowed clock skew; every invalid field"
            + " is named in errors.";
    static final String NOT_FOUND_CLUSTER = "No cluster with this id, a cluster that is deleted, or one of a project"
            + " the caller cannot see (all alike, so a cluster's existence is not revealed); also an id that is not a"
            + " UUID.";
    static final String STORED = "Stored, or a resend of a report already stored (nothing changes).";
    static final String TOO_LARGE = "The body is larger than this route's limit (counted after gzip decompression).";

    static final String BAD_QUERY_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The query is not valid.",
             "errors": [{"field": "cursor", "message": "is not a cursor of this query"}]}""";
    static final String BAD_REPORT_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The report is not valid.",
             "errors": [{"field": "observedAt", "message": "is 2026-12-03T15:20:00Z, ahead of the server time\
             2026-12-03T14:20:00Z by more than the allowed clock skew of 5m; check the clocks of the cluster and its\
             agent"}]}""";
    static final String FORBIDDEN_EXAMPLE = """
            {"type": "https://mooring.io/problems/forbidden", "title": "Forbidden", "status": 403,
             "detail": "Your role does not allow this operation."}""";
    static final String CLUSTER_DELETED_EXAMPLE = """
            {"type": "https://mooring.io/problems/cluster-deleted", "title": "Cluster deleted", "status": 403,
             "detail": "Cluster 3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11 was deleted; its agent is no longer accepted."}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster not found"}""";
    static final String CLUSTER_UNKNOWN_EXAMPLE = """
            {"type": "https://mooring.io/problems/cluster-not-known-yet", "title": "Cluster not known yet",
             "status": 503, "detail": "Cluster 3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11 is not known to health-service\
             yet: it is known once its import has been announced here. Send this report again after Retry-After."}""";
    static final String TOO_LARGE_EXAMPLE = """
            {"type": "https://mooring.io/problems/body-too-large", "title": "Body too large", "status": 413,
             "detail": "The request body is larger than the limit of 16384 bytes for this route."}""";

    private ApiDocs() {
    }
}
