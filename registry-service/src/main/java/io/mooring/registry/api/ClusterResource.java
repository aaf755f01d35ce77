package io.mooring.registry.api;

import io.mooring.registry.api.dto.CapabilitiesView;
import io.mooring.registry.api.dto.ClusterPage;
import io.mooring.registry.api.dto.ClusterView;
import io.mooring.registry.api.dto.CreateClusterRequest;
import io.mooring.registry.api.dto.DeletionView;
import io.mooring.registry.api.dto.ImportInstructions;
import io.mooring.registry.api.dto.UpdateClusterRequest;
import io.mooring.registry.domain.ClusterStatus;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Imported clusters, for users. Roles: viewers read, operators import and change, admins delete. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterResource {

    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;

    private final ClusterService clusters;

    public ClusterResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Import a cluster", description = "Registers the cluster (Pending) and answers the"
            + " kubectl command that installs its agent. A retry with the same Idempotency-Key answers the first"
            + " response again.")
    public Uni<RestResponse<ImportInstructions>> create(@Valid @NotNull CreateClusterRequest request,
            @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey) {
        return clusters.create(newCluster(request), IdempotencyKeys.checked(idempotencyKey), ImportInstructions.class,
                ImportInstructions::of).map(ClusterResource::created);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List clusters", description = "Clusters of the projects the caller may see, oldest"
            + " first, filtered; labelSelector takes Kubernetes syntax (env=prod,team!=x,tier,!legacy,"
            + "env in (a,b)). Pages of `limit` (1-100, default 20); pass `nextCursor` as `cursor` for the next.")
    public Uni<ClusterPage> list(@RestQuery String project, @RestQuery String cloudType,
            @RestQuery String importMode, @RestQuery String status, @RestQuery String detectedProvider,
            @RestQuery String labelSelector, @RestQuery String limit, @RestQuery String cursor) {
        return clusters.list(ListParameters.read(project, cloudType, importMode, status, detectedProvider,
                labelSelector, limit, cursor)).map(ClusterPage::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Get a cluster")
    public Uni<ClusterView> get(@RestPath UUID id) {
        return clusters.get(id).map(ClusterView::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a cluster's description or labels")
    public Uni<ClusterView> update(@RestPath UUID id, @Valid @NotNull UpdateClusterRequest request) {
        return clusters.update(id, new ClusterService.Change(request.description(), request.labels()))
                .map(ClusterView::of);
    }

    @POST
    @Path("/{id}/import-command")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Issue a new import command", description = "Earlier import commands of the cluster stop"
            + " working.")
    public Uni<ImportInstructions> reissueImportCommand(@RestPath UUID id) {
        return clusters.reissueImportCommand(id).map(ImportInstructions::of);
    }

    @POST
    @Path("/{id}/migrate-to-full-permissions")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Migrate a read-only cluster to full permissions", description = "Answers 202 with a new"
            + " import command; the mode changes when the agent confirms it holds the wider permissions.")
    public Uni<RestResponse<ImportInstructions>> migrate(@RestPath UUID id) {
        return clusters.migrateToFullPermissions(id).map(ImportInstructions::of).map(RestResponse::accepted);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a cluster", description = "202 Deleting until the agent reports its cleanup;"
            + " force=true (for a cluster whose agent is gone) removes the record at once (200).")
    public Uni<RestResponse<DeletionView>> delete(@RestPath UUID id, @RestQuery String force) {
        boolean forced = parseBoolean("force", force);
        return clusters.delete(id, forced).map(DeletionView::of)
                .map(deletion -> ClusterStatus.DELETING.wire().equals(deletion.status())
                ? RestResponse.accepted(deletion)
                : RestResponse.ok(deletion));
    }

    @GET
    @Path("/{id}/capabilities")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "What can be done with a cluster in its mode")
    public Uni<CapabilitiesView> capabilities(@RestPath UUID id) {
        return clusters.capabilities(id).map(CapabilitiesView::of);
    }

    @GET
    @Path("/{id}/kubeconfig")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Always refused", description = "Imported clusters have no downloadable kubeconfig:"
            + " the problem says where to get one.")
    public Uni<Void> kubeconfig(@RestPath String id) {
        return clusters.kubeconfig(id);
    }

    private static RestResponse<ImportInstructions> created(ClusterService.Created<ImportInstructions> created) {
        // A relative Location: behind the gateway this service does not know the public host.
        RestResponse.ResponseBuilder<ImportInstructions> response = RestResponse.ResponseBuilder
                .<ImportInstructions>create(created.status())
                .header(HttpHeaders.LOCATION, created.location())
                .entity(created.body());
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private static ClusterService.NewCluster newCluster(CreateClusterRequest r) {
        return new ClusterService.NewCluster(r.name(), r.project(), r.cloudType(), r.importMode(), r.description(),
                r.labels());
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
