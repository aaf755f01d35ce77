package io.mooring.addon.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the OpenAPI annotations of this package share: the problem schema every error answer carries, the headers
 * several operations answer with, and the examples. The examples are real answers in shape (a gateway consumer
 * generates clients and mocks from them, and the lint checks them against the schemas), so they change with the
 * records they show.
 */
final class ApiDocs {

    /** The shared RFC 9457 problem schema (service-support adds it to every service's document). */
    static final String PROBLEM = "#/components/schemas/Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    static final String ROLE_VIEWER = "Role: `mooring-viewer` or higher.";
    static final String ROLE_OPERATOR = "Role: `mooring-operator` or higher.";
    static final String ROLE_ADMIN = "Role: `mooring-admin`.";
    static final String ROLE_AGENT = "Role: `mooring-agent`: an agent token the registry issued; the cluster is the "
            + "token's subject.";

    static final String LOCATION = "Location";
    static final String RETRY_AFTER = "Retry-After";
    static final String RETRY_AFTER_TEXT = "Seconds to wait before trying again.";

    // ---- profiles ------------------------------------------------------------------------------------------

    static final String PUBLISH_MANIFESTS = """
            {"name": "observability", "version": "1.4.0", "description": "Logs and metrics", "type": "add-on",
             "layers": [{"name": "config", "namespace": "monitoring",
                         "manifests": "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: collector-config\\ndata:\\n  interval: 30s\\n"}]}""";
    static final String PUBLISH_CHART = """
            {"name": "collector", "version": "2.3.1", "type": "add-on",
             "layers": [{"name": "collector", "namespace": "monitoring",
                         "chart": {"repository": "https://charts.example.com/", "name": "collector", "version": "2.3.1"},
                         "values": {"replicas": 2, "db": {"password": "s3cret"}}, "secretValues": ["db.password"],
                         "adoptExisting": false}]}""";
    static final String PROFILE_VERSION = """
            {"name": "observability", "version": "1.4.0", "type": "add-on", "description": "Logs and metrics",
             "contentHash": "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d",
             "createdAt": "2026-11-02T09:15:00Z", "createdBy": "alice@example.com",
             "layers": [
               {"name": "config", "order": 0, "source": "manifests", "namespace": "monitoring",
                "manifests": "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: collector-config\\ndata:\\n  interval: 30s\\n",
                "adoptExisting": false,
                "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "namespace": "monitoring", "name": "collector-config"}]},
               {"name": "collector", "order": 1, "source": "helm", "namespace": "monitoring",
                "chart": {"repository": "https://charts.example.com/", "name": "collector", "version": "2.3.1",
                          "archiveDigest": "sha256:3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c",
                          "archiveSize": 18432},
                "values": {"replicas": 2, "db": {"password": "********"}}, "adoptExisting": false,
                "secretValues": ["db.password"],
                "objects": [{"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "monitoring", "name": "collector"},
                            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "namespace": null,
                             "name": "collector"}]}]}""";
    static final String PROFILE_PAGE = """
            {"items": [{"name": "logging", "type": "add-on", "description": "Log shipping", "latestVersion": "2.0.0",
                        "versionCount": 3, "createdAt": "2026-09-14T08:00:00Z", "updatedAt": "2026-11-20T13:45:10Z"},
                       {"name": "observability", "type": "add-on", "description": "Logs and metrics",
                        "latestVersion": "1.4.0", "versionCount": 5, "createdAt": "2026-08-01T10:00:00Z",
                        "updatedAt": "2026-11-02T09:15:00Z"}],
             "nextCursor": "eyJrIjpbIm9ic2VydmFiaWxpdHkiXX0.c2lnbmF0dXJl"}""";
    static final String PROFILE = """
            {"name": "observability", "type": "add-on", "description": "Logs and metrics", "latestVersion": "1.4.0",
             "versionCount": 5, "createdAt": "2026-08-01T10:00:00Z", "updatedAt": "2026-11-02T09:15:00Z"}""";
    static final String VERSION_PAGE = """
            {"items": [{"name": "observability", "version": "1.4.0", "type": "add-on", "description": "Logs and metrics",
                        "contentHash": "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d", "layers": 2,
                        "createdAt": "2026-11-02T09:15:00Z", "createdBy": "alice@example.com"},
                       {"name": "observability", "version": "1.3.2", "type": "add-on", "description": "Logs and metrics",
                        "contentHash": "1d3f5a7c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f", "layers": 2,
                        "createdAt": "2026-10-11T16:40:00Z", "createdBy": "bob@example.com"}],
             "nextCursor": null}""";
    static final String RENDERED = """
            [{"name": "config", "order": 0, "source": "manifests", "namespace": "monitoring", "adoptExisting": false,
              "objects": [{"apiVersion": "v1", "kind": "ConfigMap",
                           "metadata": {"name": "collector-config", "namespace": "monitoring",
                                        "labels": {"app.kubernetes.io/managed-by": "mooring",
                                                   "mooring.io/profile": "observability", "mooring.io/layer": "config"}},
                           "data": {"interval": "30s"}}]},
             {"name": "credentials", "order": 1, "source": "helm", "namespace": "monitoring", "adoptExisting": false,
              "objects": [{"apiVersion": "v1", "kind": "Secret",
                           "metadata": {"name": "collector-db", "namespace": "monitoring",
                                        "labels": {"app.kubernetes.io/managed-by": "mooring",
                                                   "mooring.io/profile": "observability",
                                                   "mooring.io/layer": "credentials"}},
                           "data": {"password": "********"}}]}]""";

    // ---- attachments ---------------------------------------------------------------------------------------

    static final String ATTACH = """
            {"profile": "observability", "version": "1.4.0", "values": {"collector": {"replicas": 3}}}""";
    static final String ATTACH_YAML_VALUES = """
            {"profile": "observability", "version": "1.4.0", "values": {"collector": "replicas: 3\\nresources:\\n  limits:\\n    memory: 256Mi\\n"}}""";
    static final String UPDATE = """
            {"version": "1.5.0", "values": {"collector": {"replicas": 4}}}""";
    static final String ATTACHMENT = """
            {"id": "9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f", "clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11",
             "profile": "observability", "version": "1.4.0", "generation": 1,
             "values": {"collector": {"replicas": 3}}, "status": "Pending",
             "layers": [{"name": "config", "order": 0, "source": "manifests", "namespace": "monitoring",
                         "status": "Pending", "message": null, "statusChangedAt": null, "adoptExisting": false,
                         "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "namespace": "monitoring",
                                      "name": "collector-config"}]},
                        {"name": "collector", "order": 1, "source": "helm", "namespace": "monitoring",
                         "status": "Pending", "message": null, "statusChangedAt": null, "adoptExisting": false,
                         "objects": [{"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "monitoring",
                                      "name": "collector"}]}],
             "attachedAt": "2026-11-21T10:02:31Z", "attachedBy": "alice@example.com",
             "updatedAt": "2026-11-21T10:02:31Z", "updatedBy": "alice@example.com"}""";
    static final String ATTACHMENT_PAGE = """
            {"items": [{"id": "9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f", "clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11",
                        "profile": "observability", "version": "1.4.0", "generation": 2, "values": {}, "status": "Failed",
                        "layers": [{"name": "config", "order": 0, "source": "manifests", "namespace": "monitoring",
                                    "status": "Deployed", "message": null, "statusChangedAt": "2026-11-21T10:03:02Z",
                                    "adoptExisting": false,
                                    "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "namespace": "monitoring",
                                                 "name": "collector-config"}]},
                                   {"name": "collector", "order": 1, "source": "helm", "namespace": "monitoring",
                                    "status": "Failed", "message": "Deployment monitoring/collector: ImagePullBackOff",
                                    "statusChangedAt": "2026-11-21T10:04:40Z", "adoptExisting": false,
                                    "objects": [{"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "monitoring",
                                                 "name": "collector"}]}],
                        "attachedAt": "2026-11-21T10:02:31Z", "attachedBy": "alice@example.com",
                        "updatedAt": "2026-11-22T08:11:00Z", "updatedBy": "bob@example.com"}],
             "nextCursor": null}""";

    // ---- problems ------------------------------------------------------------------------------------------

    static final String NOT_FOUND_CLUSTER = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster not found"}""";
    static final String NOT_FOUND_PROFILE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Add-on profile 'observability' not found"}""";
    static final String NOT_FOUND_VERSION = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Add-on profile 'observability' version '1.4.0' not found"}""";
    static final String NOT_ATTACHED = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Add-on profile 'observability' is not attached to this cluster"}""";
    static final String INVALID_PROFILE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The profile is not valid.",
             "errors": [{"field": "layers[0].manifests",
                         "message": "layer 'config': document 2 (line 8): metadata.name is missing"}]}""";
    static final String INVALID_QUERY = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.", "errors": [{"field": "limit", "message": "must be less than or equal to 100"}]}""";
    static final String PUBLISHED_OTHER_CONTENT = """
            {"type": "https://mooring.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Version 1.4.0 of add-on profile 'observability' is already published with different content. Published versions never change: publish the change as a new version."}""";
    static final String VERSION_ATTACHED = """
            {"type": "https://mooring.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "Version 1.4.0 of add-on profile 'observability' is attached to 2 clusters; detach it first."}""";
    static final String READ_ONLY = """
            {"type": "https://mooring.io/problems/operation-not-allowed", "title": "Operation not allowed for this cluster",
             "status": 409, "detail": "requires full-permission mode"}""";
    static final String INFRASTRUCTURE = """
            {"type": "https://mooring.io/problems/operation-not-allowed", "title": "Operation not allowed for this cluster",
             "status": 409, "detail": "imported clusters take add-on profiles only"}""";
    static final String OWNED_ELSEWHERE = """
            {"type": "https://mooring.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "ConfigMap monitoring/collector-config (v1) of layer 'config' is already owned by add-on profile 'logging' (layer 'config') on this cluster; two profiles cannot own the same object."}""";
    static final String ARCHIVE_TOO_LARGE = """
            {"type": "https://mooring.io/problems/chart-archive-too-large", "title": "Chart archive too large",
             "status": 413, "detail": "The chart archive of layers[3] has 5242880 bytes; the limit is 4194304 bytes."}""";
    static final String BODY_TOO_LARGE = """
            {"type": "https://mooring.io/problems/body-too-large", "title": "Body too large", "status": 413,
             "detail": "The request body is larger than the limit of 8388608 bytes for this route."}""";
    static final String RENDER_TIMEOUT = """
            {"type": "https://mooring.io/problems/chart-render-timeout", "title": "Chart did not render in time",
             "status": 422, "detail": "Layer 'collector': Helm did not finish rendering within 30 s.",
             "errors": [{"field": "layers[1].chart", "message": "the chart did not render in time: Helm did not finish rendering within 30 s"}]}""";
    static final String CHART_UNAVAILABLE = """
            {"type": "https://mooring.io/problems/chart-unavailable", "title": "Chart unavailable", "status": 422,
             "detail": "Layer 'collector': chart 'collector' version 2.3.1 from https://charts.example.com/ does not match the digest in the repository's index",
             "errors": [{"field": "layers[1].chart", "message": "chart 'collector' version 2.3.1 from https://charts.example.com/ does not match the digest in the repository's index"}]}""";
    static final String KEY_REUSED = """
            {"type": "https://mooring.io/problems/idempotency-key-reused", "title": "Idempotency key reused",
             "status": 422, "detail": "This Idempotency-Key was used for a different request on this cluster."}""";
    static final String RENDER_BUSY = """
            {"type": "https://mooring.io/problems/render-busy", "title": "Rendering capacity exhausted", "status": 503,
             "detail": "Every render worker is busy and 16 renderings are waiting; try again shortly."}""";
    static final String CLUSTER_DELETED = """
            {"type": "https://mooring.io/problems/forbidden", "title": "Forbidden", "status": 403,
             "detail": "This cluster has been deleted; its agent is refused."}""";

    private ApiDocs() {
    }

    // ---- the schemas of the pages: an annotation cannot name Page<ProfileSummary>, so these stand for them -------

    private static final String NEXT_CURSOR = "Pass as `cursor` for the next page; null on the last page.";

    @Schema(name = "PageProfileSummary", description = "One page of profiles.")
    static final class ProfilePage {
        public List<ProfileSummary> items;
        @Schema(nullable = true, description = NEXT_CURSOR)
        public String nextCursor;
    }

    @Schema(name = "PageVersionSummary", description = "One page of a profile's versions.")
    static final class VersionPage {
        public List<VersionSummary> items;
        @Schema(nullable = true, description = NEXT_CURSOR)
        public String nextCursor;
    }

    @Schema(name = "PageAttachment", description = "One page of a cluster's attachments.")
    static final class AttachmentPage {
        public List<Attachment> items;
        @Schema(nullable = true, description = NEXT_CURSOR)
        public String nextCursor;
    }
}
