package io.mooring.notification.api;

import io.mooring.support.api.Problem;
import io.mooring.support.api.openapi.SharedOpenApi;

/** Texts and examples the resources' OpenAPI annotations share. */
final class ApiDocs {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String PROBLEM_SCHEMA = SharedOpenApi.PROBLEM;
    static final String NOT_FOUND = "No such thing, or one of a project the caller may not see.";
    static final String FORBIDDEN = "The caller's role is below mooring-operator, or the caller is not a member of the"
            + " project.";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String INVALID = "A field of the body is not valid: `errors` names each one.";

    static final String RULE_EXAMPLE = """
            {"id": "6a1f0f3c-2c4b-4a8e-9d0e-1b2c3d4e5f60", "project": "payments", "name": "prod health",
             "trigger": "health", "clusterId": null, "quietPeriod": "PT10M", "budget": null,
             "webhooks": ["0c9e7d1a-3b2f-4e5d-8c7b-6a5f4e3d2c1b"], "allWebhooks": false, "createdBy": "olga-operator", "createdAt": "2026-12-03T14:20:31Z"}""";
    static final String BUDGET_RULE_REQUEST = """
            {"project": "payments", "name": "monthly budget", "trigger": "budget",
             "budget": {"monthlyAmount": 5000, "thresholds": [80, 100]},
             "webhooks": ["0c9e7d1a-3b2f-4e5d-8c7b-6a5f4e3d2c1b"]}""";
    static final String RULE_UPDATE = """
            {"quietPeriod": "PT5M", "webhooks": ["0c9e7d1a-3b2f-4e5d-8c7b-6a5f4e3d2c1b"]}""";
    static final String FIXED_TRIGGER = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.", "errors": [
               {"field": "trigger", "message": "cannot be changed (it is health): create another rule"}]}""";
    static final String ENDPOINT_CREATED = """
            {"id": "0c9e7d1a-3b2f-4e5d-8c7b-6a5f4e3d2c1b", "project": "payments", "name": "on-call",
             "url": "https://hooks.example.com/mooring", "format": "cloudevents", "enabled": true,
             "disabledReason": null, "disabledAt": null, "consecutiveFailures": 0, "createdBy": "olga-operator",
             "createdAt": "2026-12-03T14:20:31Z", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
             "previousSecretExpiresAt": null}""";
    static final String ENDPOINT_ROTATED = """
            {"id": "0c9e7d1a-3b2f-4e5d-8c7b-6a5f4e3d2c1b", "project": "payments", "name": "on-call",
             "url": "https://hooks.example.com/mooring", "format": "cloudevents", "enabled": true,
             "disabledReason": null, "disabledAt": null, "consecutiveFailures": 0, "createdBy": "olga-operator",
             "createdAt": "2026-12-03T14:20:31Z", "secret": "whsec_c2VjcmV0LXJvdGF0ZWQtaW4tZGVjZW1iZXIh",
             "previousSecretExpiresAt": "2026-12-04T15:02:10Z"}""";
    static final String DELIVERIES_EXAMPLE = """
            {"items": [{"id": 42, "eventId": "5b1e2f3a-4c5d-3e6f-8a7b-9c0d1e2f3a4b",
                        "eventType": "io.mooring.alert.health.v1", "ruleId": "6a1f0f3c-2c4b-4a8e-9d0e-1b2c3d4e5f60",
                        "status": "pending", "attempts": 2, "redeliveries": 0,
                        "nextAttemptAt": "2026-12-03T14:21:11Z", "lastAttemptAt": "2026-12-03T14:20:51Z",
                        "lastStatusCode": 503, "lastError": "HTTP 503: busy", "latencyMs": 87,
                        "createdAt": "2026-12-03T14:20:31Z", "deliveredAt": null}]}""";

    private ApiDocs() {
    }
}
