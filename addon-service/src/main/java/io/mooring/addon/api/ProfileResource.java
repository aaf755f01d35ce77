package io.mooring.addon.api;

import io.mooring.addon.config.AddonConfig;
import io.mooring.addon.service.ProfileService;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Add-on profiles: anyone with a role reads them, operators publish versions, admins delete versions no cluster
 * has attached. Profiles are not bound to a project: any project's clusters may take any profile.
 */
@Path("/api/v1/addon-profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService profiles;
    private final CurrentCaller caller;
    private final AddonConfig config;

    public ProfileResource(ProfileService profiles, CurrentCaller caller, AddonConfig config) {
        this.profiles = profiles;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Publish a profile version", description = "201 when published; 200 when the same "
            + "name, version and content were published before; 409 when that version exists with other content.")
    public Uni<Response> publish(@Valid @NotNull PublishProfileRequest request) {
        return profiles.publish(request, caller.get()).map(published -> {
            if (!published.created()) {
                return Response.ok(published.version()).build();
            }
            return Response.created(UriBuilder.fromPath("/api/v1/addon-profiles/{name}/versions/{version}")
                    .build(published.version().name(), published.version().version()))
                    .entity(published.version()).build();
        });
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List profiles by name", description = "Filters: type (add-on, infrastructure) and "
            + "name (a prefix). Cursor pagination: pass nextCursor as cursor.")
    public Uni<Page<Views.ProfileSummary>> list(@QueryParam("type") String type, @QueryParam("name") String name,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 1024) String cursor) {
        return profiles.list(type, name, limit == null ? config.paging().defaultLimit() : limit, cursor);
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Views.ProfileSummary> get(@PathParam("name") String name) {
        return profiles.get(name);
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List a profile's versions, highest first")
    public Uni<Page<Views.VersionSummary>> versions(@PathParam("name") String name,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 1024) String cursor) {
        return profiles.versions(name, limit == null ? config.paging().defaultLimit() : limit, cursor);
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Views.ProfileVersion> version(@PathParam("name") String name, @PathParam("version") String version) {
        return profiles.version(name, version);
    }

    @GET
    @Path("/{name}/versions/{version}/rendered")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The objects each layer renders to with its own values, labelled as the agent gets them",
            description = "Operators only: rendered objects may hold configuration a viewer must not read. The "
                    + "values of Secret objects (data, stringData) are masked for everyone.")
    public Uni<List<DesiredLayer>> rendered(@PathParam("name") String name, @PathParam("version") String version) {
        return profiles.rendered(name, version);
    }

    @DELETE
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a version no cluster has attached", description = "409 while it is attached.")
    public Uni<Response> delete(@PathParam("name") String name, @PathParam("version") String version) {
        return profiles.delete(name, version).map(v -> Response.noContent().build());
    }
}
