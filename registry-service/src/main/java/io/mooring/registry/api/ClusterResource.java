package io.mooring.registry.api;

import io.mooring.registry.api.dto.AgentNetworkSettings;
import io.mooring.registry.api.dto.CapabilitiesView;
import io.mooring.registry.api.dto.ClusterPage;
import io.mooring.registry.api.dto.ClusterSummary;
import io.mooring.registry.api.dto.ClusterView;
import io.mooring.registry.api.dto.CreateClusterRequest;
import io.mooring.registry.api.dto.DeletionView;
import io.mooring.registry.api.dto.ImportInstructions;
import io.mooring.registry.api.dto.UpdateClusterRequest;
import io.mooring.events.CloudType;
import io.mooring.registry.domain.AgentNetwork;
import io.mooring.registry.domain.ClusterSort;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.service.ClusterService;
import io.mooring.support.api.IdempotencyKeys;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Imported clusters, for users. Roles: viewers read, operators import and change, admins delete. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ClusterResource.TAG, description = "Imported Kubernetes clusters: import (the kubectl command that"
        + " installs the agent), list, read, change, migrate to full permissions, delete. Requires a user JWT; a"
        + " viewer (mooring-viewer) reads, an operator (mooring-operator) imports and changes, an admin"
        + " (mooring-admin) deletes. A caller sees the clusters of its projects only (admins see all); another"
        + " project's cluster is answered 404, as if it did not exist.")
public class ClusterResource {

    static final String TAG = "Clusters";
    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final String CLUSTER_ID = "The cluster's id.";
    private static final String NOT_FOUND = "No such cluster, or one of a project the caller may not see.";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ClusterService clusters;

    public ClusterResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "importCluster", summary = "Import a cluster", description = "Role: mooring-operator,"
            + " member of the project. Registers the cluster (Pending) and answers the kubectl command that"
            + " installs its agent; the cluster becomes Running when the agent registers. A retry with the same"
            + " Idempotency-Key (within 24 h) answers the first response again, with `Idempotent-Replayed: true`;"
            + " the same key with a different body is refused (422).")
    @APIResponse(responseCode = "201", description = "Imported: the cluster and its import command.",
            headers = {
                @Header(name = HttpHeaders.LOCATION, description = "The new cluster, relative to the API root.",
                        schema = @Schema(type = SchemaType.STRING, examples = "/api/v1/clusters/" + ApiExamples.CLUSTER_ID)),
                @Header(name = IDEMPOTENT_REPLAYED, description = "`true` when this is the stored answer to an"
                        + " earlier request with the same Idempotency-Key.",
                        schema = @Schema(type = SchemaType.STRING, enumeration = "true")) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportInstructions.class),
                    examples = @ExampleObject(name = "imported", value = ApiExamples.IMPORT_INSTRUCTIONS)))
    @APIResponse(responseCode = "400", description = "A field of the body, or the Idempotency-Key header, is not"
            + " valid: `errors` names each one.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "invalid",
                            value = """
                                    {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                                     "status": 400, "detail": "The request is not valid.", "errors": [
                                       {"field": "importMode", "message": "must not be null"},
                                       {"field": "name", "message": "must be a DNS-1123 label"}]}""")))
    @APIResponse(responseCode = "403", description = "The caller's role is below mooring-operator, or the caller"
            + " is not a member of the project.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "not a member",
                            value = """
                                    {"type": "https://mooring.io/problems/forbidden", "title": "Forbidden",
                                     "status": 403, "detail": "You are not a member of project 'payments'."}""")))
    @APIResponse(responseCode = "409", description = "A cluster of this name exists in the project (or is being"
            + " created by a request at the same time).", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "name taken",
                            value = """
                                    {"type": "https://mooring.io/problems/conflict", "title": "Conflict",
                                     "status": 409,
                                     "detail": "A cluster named 'prod-eu-1' already exists in project 'payments'."}""")))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "key reused", value = """
                            {"type": "https://mooring.io/problems/idempotency-key-reused",
                             "title": "Idempotency-Key reused", "status": 422,
                             "detail": "This Idempotency-Key was used for a different request; use a new key for a new request."}""")))
    public Uni<RestResponse<ImportInstructions>> create(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreateClusterRequest.class),
                    examples = @ExampleObject(name = "read-only EKS cluster", value = ApiExamples.CREATE_REQUEST)))
            @Valid @NotNull CreateClusterRequest request,
            @Parameter(description = "Makes the import safe to retry: " + IdempotencyKeys.RULE + "; a retry with"
                    + " the same key and body answers the first response.",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH,
                            pattern = "^[\\x21-\\x7e]+$", examples = "7c1e4b2a-import-prod-eu-1"))
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey) {
        return clusters.create(newCluster(request), IdempotencyKeys.checked(idempotencyKey), ImportInstructions.class,
                ImportInstructions::of).map(ClusterResource::created);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listClusters", summary = "List clusters", description = "Role: mooring-viewer."
            + " Clusters of the projects the caller may see, filtered, oldest first unless `sort` says otherwise;"
            + " labelSelector takes Kubernetes syntax (env=prod,team!=x,tier,!legacy,env in (a,b)), name matches a"
            + " part of the name. Pages of `limit` (1-100, default 20); pass `nextCursor` as `cursor` for the next,"
            + " with the same filters and sort (a cursor of another sort is a 400). Every bad parameter is named in"
            + " one 400.")
    @APIResponse(responseCode = "200", description = "One page of clusters.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterPage.class),
                    examples = @ExampleObject(name = "last page", value = ApiExamples.CLUSTER_PAGE)))
    @APIResponse(responseCode = "400", description = "A query parameter is not valid: `errors` names each one.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "bad limit", value = """
                            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                             "status": 400, "detail": "The request is not valid.",
                             "errors": [{"field": "limit", "message": "must be a whole number from 1 to 100"}]}""")))
    public Uni<ClusterPage> list(
            @Parameter(description = "Only this project's clusters (a DNS-1123 label).") @RestQuery String project,
            @Parameter(description = "Only clusters of this cloud type.",
                    schema = @Schema(implementation = CloudType.class)) @RestQuery String cloudType,
            @Parameter(description = "Only clusters in this import mode.",
                    schema = @Schema(implementation = ImportMode.class)) @RestQuery String importMode,
            @Parameter(description = "Only clusters in this status.",
                    schema = @Schema(implementation = ClusterStatus.class)) @RestQuery String status,
            @Parameter(description = "Only clusters whose agent detected this provider (a DNS-1123 label).")
            @RestQuery String detectedProvider,
            @Parameter(description = "A Kubernetes label selector.", example = "env=prod,tier!=test")
            @RestQuery String labelSelector,
            @Parameter(description = "Only clusters whose name contains this (lower-case letters, digits and dashes).",
                    example = "prod") @RestQuery String name,
            @Parameter(description = "The order: createdAt (oldest first, the default), -createdAt (newest first),"
                    + " name or -name (by name, then id).", schema = @Schema(implementation = ClusterSort.class))
            @RestQuery String sort,
            @Parameter(description = "Page size.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100", defaultValue = "20")) @RestQuery String limit,
            @Parameter(description = "The `nextCursor` of the previous page.") @RestQuery String cursor) {
        return clusters.list(ListParameters.read(project, cloudType, importMode, status, detectedProvider,
                labelSelector, name, sort, limit, cursor)).map(ClusterPage::of);
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "summarizeClusters", summary = "Count clusters", description = "Role: mooring-viewer."
            + " The clusters of the projects the caller may see (or of `project` alone), counted by status, import"
            + " mode, declared cloud type and detected provider: the fleet at a glance, whatever its size, in one"
            + " request. A project the caller may not see counts nothing. Health and connectivity are counted by"
            + " health-service's `GET /api/v1/fleet/health`.")
    @APIResponse(responseCode = "200", description = "The counts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClusterSummary.class),
                    examples = @ExampleObject(name = "a small fleet", value = ApiExamples.CLUSTER_SUMMARY)))
    @APIResponse(responseCode = "400", description = "`project` is not a DNS-1123 label.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "bad project", value = """
                            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                             "status": 400, "detail": "The request is not valid.",
                             "errors": [{"field": "project", "message": "must be a DNS-1123 label: at most 63 lower-case\
                             letters, digits and '-', starting and ending with a letter or digit"}]}""")))
    public Uni<ClusterSummary> summary(
            @Parameter(description = "Only this project's clusters (a DNS-1123 label).") @RestQuery String project) {
        return clusters.summary(ListParameters.project(project)).map(ClusterSummary::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getCluster", summary = "Get a cluster", description = "Role: mooring-viewer.")
    @APIResponse(responseCode = "200", description = "The cluster.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class),
            examples = @ExampleObject(name = "running", value = ApiExamples.RUNNING_CLUSTER)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<ClusterView> get(@Parameter(description = CLUSTER_ID) @RestPath UUID id) {
        return clusters.get(id).map(ClusterView::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @Operation(operationId = "updateCluster", summary = "Change a cluster's description, labels or agent network",
            description = "Role: mooring-operator. A JSON merge patch: a field left out (or null) stays as it is,"
                    + " `labels` replaces all labels, an empty description removes it, `agentNetwork` replaces the"
                    + " agent's proxy and CA settings as a whole (`{}` removes them) for the import commands issued"
                    + " from then on.")
    @APIResponse(responseCode = "200", description = "The cluster as changed.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class),
            examples = @ExampleObject(name = "changed", value = ApiExamples.RUNNING_CLUSTER)))
    @APIResponse(responseCode = "400", description = "A field is not valid, or the patch changes nothing:"
            + " `errors` names each one.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "nothing to change",
                            value = """
                                    {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                                     "status": 400, "detail": "The request is not valid.", "errors": [
                                       {"field": "body", "message": "nothing to change: give a description, labels, agentNetwork or several"}]}""")))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The cluster is being deleted, or another request changed it"
            + " at the same time (read it again and retry).", content = @Content(
                    mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM), examples = {
                        @ExampleObject(name = "deleting", value = ApiExamples.DELETING_CONFLICT),
                        @ExampleObject(name = "changed meanwhile", value = ApiExamples.CONCURRENT_CHANGE) }))
    public Uni<ClusterView> update(@Parameter(description = CLUSTER_ID) @RestPath UUID id,
            @RequestBody(required = true, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = UpdateClusterRequest.class),
                        examples = @ExampleObject(name = "relabel", value = ApiExamples.UPDATE_REQUEST)),
                @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = UpdateClusterRequest.class),
                        examples = @ExampleObject(name = "relabel", value = ApiExamples.UPDATE_REQUEST)) })
            @Valid @NotNull UpdateClusterRequest request) {
        return clusters.update(id, new ClusterService.Change(request.description(), request.labels(),
                network(request.agentNetwork()))).map(ClusterView::of);
    }

    @POST
    @Path("/{id}/import-command")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "reissueImportCommand", summary = "Issue a new import command", description = "Role:"
            + " mooring-operator. Earlier import commands of the cluster stop working (their manifests answer 410)."
            + " Also ends an identity conflict: the agents that shared the cluster's identity lose their credentials,"
            + " and the agent the new command installs registers again. No body.")
    @APIResponse(responseCode = "200", description = "The cluster and its new import command.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportInstructions.class),
            examples = @ExampleObject(name = "reissued", value = ApiExamples.IMPORT_INSTRUCTIONS)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The cluster is being deleted, or another request changed it"
            + " at the same time.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "deleting", value = ApiExamples.DELETING_CONFLICT)))
    public Uni<ImportInstructions> reissueImportCommand(@Parameter(description = CLUSTER_ID) @RestPath UUID id) {
        return clusters.reissueImportCommand(id).map(ImportInstructions::of);
    }

    @POST
    @Path("/{id}/migrate-to-full-permissions")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "migrateClusterToFullPermission", summary = "Migrate a read-only cluster to full"
            + " permissions", description = "Role: mooring-operator. Accepted, not done: the cluster shows the"
            + " pending migration and a new import command that binds the agent to cluster-admin; its mode changes"
            + " when the agent confirms it holds the wider permissions. No body.")
    @APIResponse(responseCode = "202", description = "Migration requested: the cluster (with `pendingMigration`)"
            + " and the import command to apply.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportInstructions.class),
                    examples = @ExampleObject(name = "migration pending", value = ApiExamples.MIGRATION_INSTRUCTIONS)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The cluster is already in full-permission mode, is being"
            + " deleted, or another request changed it at the same time.", content = @Content(
                    mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM), examples = {
                        @ExampleObject(name = "already full", value = """
                                {"type": "https://mooring.io/problems/operation-not-allowed",
                                 "title": "Operation not allowed for this cluster", "status": 409,
                                 "detail": "the cluster is already in full-permission mode"}"""),
                        @ExampleObject(name = "deleting", value = ApiExamples.DELETING_CONFLICT) }))
    public Uni<RestResponse<ImportInstructions>> migrate(@Parameter(description = CLUSTER_ID) @RestPath UUID id) {
        return clusters.migrateToFullPermissions(id).map(ImportInstructions::of).map(RestResponse::accepted);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteCluster", summary = "Delete a cluster", description = "Role: mooring-admin."
            + " A connected cluster answers 202 `Deleting` until its agent reports its cleanup, then the record goes."
            + " A cluster whose agent never connected, or force=true (for a cluster whose agent is gone), is removed"
            + " at once: 200 `Deleted`. Either way the answer carries the kubectl command that removes what the"
            + " import installed, needed when the agent cannot (`agentCleansUp` false).")
    @APIResponse(responseCode = "200", description = "Deleted at once (forced, or never connected).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletionView.class),
                    examples = @ExampleObject(name = "forced", value = ApiExamples.DELETED)))
    @APIResponse(responseCode = "202", description = "Deleting: the agent cleans up, then the record goes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletionView.class),
                    examples = @ExampleObject(name = "deleting", value = ApiExamples.DELETING)))
    @APIResponse(responseCode = "400", description = "`force` is neither true nor false.", content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "bad force", value = """
                    {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                     "status": 400, "detail": "The request is not valid.",
                     "errors": [{"field": "force", "message": "must be true or false"}]}""")))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "Another request changed the cluster at the same time.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "changed meanwhile", value = ApiExamples.CONCURRENT_CHANGE)))
    public Uni<RestResponse<DeletionView>> delete(@Parameter(description = CLUSTER_ID) @RestPath UUID id,
            @Parameter(description = "Remove the record at once, without waiting for the agent's cleanup.",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery String force) {
        boolean forced = parseBoolean("force", force);
        return clusters.delete(id, forced).map(DeletionView::of)
                .map(deletion -> ClusterStatus.DELETING.wire().equals(deletion.status())
                ? RestResponse.accepted(deletion)
                : RestResponse.ok(deletion));
    }

    @GET
    @Path("/{id}/capabilities")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getClusterCapabilities", summary = "What can be done with a cluster in its mode",
            description = "Role: mooring-viewer. Every operation of the capability table, allowed or not, with the"
                    + " reason when not.")
    @APIResponse(responseCode = "200", description = "The capability table.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CapabilitiesView.class),
            examples = @ExampleObject(name = "read-only", value = ApiExamples.CAPABILITIES)))
    @APIResponse(responseCode = "404", description = NOT_FOUND, content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<CapabilitiesView> capabilities(@Parameter(description = CLUSTER_ID) @RestPath UUID id) {
        return clusters.capabilities(id).map(CapabilitiesView::of);
    }

    @GET
    @Path("/{id}/kubeconfig")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getClusterKubeconfig", summary = "Always refused", description = "Role:"
            + " mooring-viewer. Imported clusters have no downloadable kubeconfig: Mooring never holds their"
            + " credentials. The 409 problem says where to get one (for the cluster's type when the caller may see"
            + " it; the same answer for any id otherwise, so it never tells whether a cluster exists).")
    @APIResponse(responseCode = "409", description = "Always: no kubeconfig is served.", content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "EKS", value = """
                    {"type": "https://mooring.io/problems/operation-not-allowed",
                     "title": "Operation not allowed for this cluster", "status": 409,
                     "detail": "get the kubeconfig from the cluster's own provider. Mooring never stores or serves the credentials of an imported cluster, so there is no kubeconfig to download; for EKS: aws eks update-kubeconfig --name <cluster> --region <region>."}""")))
    public Uni<Void> kubeconfig(@Parameter(description = "The cluster's id.") @RestPath String id) {
        return clusters.kubeconfig(id);
    }

    private static RestResponse<ImportInstructions> created(ClusterService.Created<ImportInstructions> created) {
        // A relative Location: behind the gateway this service does not know the public host.
        RestResponse.ResponseBuilder<ImportInstructions> response = RestResponse.ResponseBuilder
                .<ImportInstructions>create(created.status())
                .header(HttpHeaders.LOCATION, created.location())
                .entity(created.body());
        if (created.replayed()) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }

    private static ClusterService.NewCluster newCluster(CreateClusterRequest r) {
        return new ClusterService.NewCluster(r.name(), r.project(), r.cloudType(), r.importMode(), r.description(),
                r.labels(), network(r.agentNetwork()));
    }

    /** The settings as the domain keeps them; a rule across fields (noProxy needs a proxy) is a 400 naming the field. */
    private static AgentNetwork network(AgentNetworkSettings settings) {
        if (settings == null) {
            return null;
        }
        try {
            return settings.toDomain();
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage();
            int colon = problem.indexOf(": ");
            throw ProblemException.invalid("agentNetwork." + problem.substring(0, colon), problem.substring(colon + 2));
        }
    }

    private static boolean parseBoolean(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid(name, "must be true or false");
    }
}
