package io.mooring.addon.api;

import io.mooring.addon.config.AddonConfig;
import io.mooring.addon.domain.ProfileType;
import io.mooring.addon.service.ProfileService;
import io.mooring.addon.service.VersionSnapshot;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.support.api.PageCursors;
import io.mooring.support.api.ProblemException;
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
    private final PageCursors cursors;

    public ProfileResource(ProfileService profiles, CurrentCaller caller, AddonConfig config, PageCursors cursors) {
        this.profiles = profiles;
        this.caller = caller;
        this.config = config;
        this.cursors = cursors;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Publish a profile version", description = "201 when published; 200 when the same "
            + "name, version and content were published before; 409 when that version exists with other content.")
    public Uni<Response> publish(@Valid @NotNull PublishProfileRequest request) {
        return profiles.publish(request.toDraft(), caller.get()).map(published -> {
            ProfileVersion version = ProfileVersion.of(published.version());
            if (!published.created()) {
                return Response.ok(version).build();
            }
            return Response.created(UriBuilder.fromPath("/api/v1/addon-profiles/{name}/versions/{version}")
                    .build(version.name(), version.version())).entity(version).build();
        });
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List profiles by name", description = "Filters: type (add-on, infrastructure) and "
            + "name (a prefix). Cursor pagination: pass nextCursor as cursor.")
    public Uni<Page<ProfileSummary>> list(@QueryParam("type") String type, @QueryParam("name") String name,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 1024) String cursor) {
        ProfileType profileType = null;
        if (type != null) {
            profileType = ProfileType.ofWire(type).orElseThrow(() ->
                    ProblemException.invalid("type", "must be one of [add-on, infrastructure]"));
        }
        if (name != null && !name.matches("[a-z0-9-]{1,63}")) {
            throw ProblemException.invalid("name", "must be the start of a profile name (a-z, 0-9 and '-')");
        }
        int size = limit == null ? config.paging().defaultLimit() : limit;
        List<String> after = cursors.decode("addon-profiles", cursor, 1);
        return profiles.list(profileType, name, after == null ? null : after.get(0), size + 1).map(rows -> {
            List<ProfileSummary> items = rows.stream().limit(size).map(ProfileSummary::of).toList();
            return new Page<>(items, rows.size() > size
                    ? cursors.encode("addon-profiles", items.get(items.size() - 1).name())
                    : null);
        });
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ProfileSummary> get(@PathParam("name") String name) {
        return profiles.get(name).map(ProfileSummary::of);
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List a profile's versions, highest first")
    public Uni<Page<VersionSummary>> versions(@PathParam("name") String name,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 1024) String cursor) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        String scope = "addon-profile-versions|" + name;
        List<String> after = cursors.decode(scope, cursor, 2);
        return profiles.versions(name, after == null ? null : after.get(0), after == null ? null : after.get(1),
                size + 1).map(rows -> {
                    List<VersionSnapshot> page = rows.stream().limit(size).toList();
                    VersionSnapshot last = page.isEmpty() ? null : page.get(page.size() - 1);
                    return new Page<>(page.stream().map(VersionSummary::of).toList(), rows.size() > size
                            ? cursors.encode(scope, last.sortKey(), last.version())
                            : null);
                });
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ProfileVersion> version(@PathParam("name") String name, @PathParam("version") String version) {
        return profiles.version(name, version).map(ProfileVersion::of);
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
