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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Add-on profiles: anyone with a role reads them, operators publish versions, admins delete versions no cluster
 * has attached. Profiles are not bound to a project: any project's clusters may take any profile.
 */
@Path("/api/v1/addon-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Add-on profiles", description = "The catalogue of add-on profiles shared by every project: versioned "
        + "sets of Kubernetes manifests and Helm charts (layers), rendered when published. Any role reads them, "
        + "operators publish versions, admins delete versions no cluster has attached.")
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
    @Operation(operationId = "publishAddonProfile", summary = "Publish a profile version", description = "Checks "
            + "the layers and renders every chart layer with Helm (release name = layer name, namespace = layer "
            + "namespace, values = the layer's values); repository charts are downloaded and pinned by digest. "
            + "201 when published; 200 when the same name, version and content were published before (nothing "
            + "changes); 409 when that version exists with other content, or the profile has another type. The body "
            + "may be up to 8 MiB (uploaded chart archives are base64 in it), a decoded archive up to 4 MiB. "
            + ApiDocs.ROLE_OPERATOR)
    @APIResponse(responseCode = "201", description = "Published.", headers = @Header(name = ApiDocs.LOCATION,
            description = "The version's address.", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileVersion.class),
                    examples = @ExampleObject(name = "published", value = ApiDocs.PROFILE_VERSION)))
    @APIResponse(responseCode = "200", description = "The same name, version and content were published before: "
            + "the existing version, unchanged.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileVersion.class),
                    examples = @ExampleObject(name = "already published", value = ApiDocs.PROFILE_VERSION)))
    @APIResponse(responseCode = "400", description = "The body, a layer's manifests or values, or a chart's "
            + "rendering is not valid (the detail names the layer, document and line, or gives Helm's message); "
            + "the rendered output is over the size limit; two layers render the same object.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "invalid manifests", value = ApiDocs.INVALID_PROFILE)))
    @APIResponse(responseCode = "409", description = "This version is published with other content, or the profile "
            + "has another type.", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "other content", value = ApiDocs.PUBLISHED_OTHER_CONTENT)))
    @APIResponse(responseCode = "413", description = "The body is over 8 MiB, or a decoded chart archive is over "
            + "the archive limit.", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "body too large", value = ApiDocs.BODY_TOO_LARGE),
                            @ExampleObject(name = "archive too large", value = ApiDocs.ARCHIVE_TOO_LARGE) }))
    @APIResponse(responseCode = "422", description = "A chart could not be fetched in time or from its source "
            + "(`chart-unavailable`), or did not render within the render timeout (`chart-render-timeout`).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = {
                            @ExampleObject(name = "chart unavailable", value = ApiDocs.CHART_UNAVAILABLE),
                            @ExampleObject(name = "render timeout", value = ApiDocs.RENDER_TIMEOUT) }))
    @APIResponse(responseCode = "503", description = "Every chart render worker is busy and the queue is full "
            + "(`render-busy`), or the database cannot be reached: retry after `Retry-After` seconds.",
            headers = @Header(name = ApiDocs.RETRY_AFTER, description = ApiDocs.RETRY_AFTER_TEXT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "render busy", value = ApiDocs.RENDER_BUSY)))
    public Uni<Response> publish(@Valid @NotNull @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublishProfileRequest.class),
            examples = {
                    @ExampleObject(name = "manifests", value = ApiDocs.PUBLISH_MANIFESTS),
                    @ExampleObject(name = "chart from a repository", value = ApiDocs.PUBLISH_CHART) }))
            PublishProfileRequest request) {
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
    @Operation(operationId = "listAddonProfiles", summary = "List profiles by name", description = "Filters: type "
            + "(add-on, infrastructure) and name (a prefix). Cursor pagination: pass `nextCursor` as `cursor`; it "
            + "is null on the last page. " + ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "One page of profiles, by name.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocs.ProfilePage.class),
                    examples = @ExampleObject(name = "two profiles", value = ApiDocs.PROFILE_PAGE)))
    @APIResponse(responseCode = "400", description = "`type`, `name`, `limit` or `cursor` is not valid.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "limit out of range", value = ApiDocs.INVALID_QUERY)))
    public Uni<Page<ProfileSummary>> list(
            @Parameter(description = "Only profiles of this type.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "add-on", "infrastructure" }))
            @QueryParam("type") String type,
            @Parameter(description = "Only profiles whose name starts with this.",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[a-z0-9-]{1,63}$"))
            @QueryParam("name") String name,
            @Parameter(description = "Page size (default 20).") @QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor") @Size(max = 1024)
            String cursor) {
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
    @Operation(operationId = "getAddonProfile", summary = "Get a profile: its type, latest version and version count",
            description = ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "The profile.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileSummary.class),
            examples = @ExampleObject(name = "a profile", value = ApiDocs.PROFILE)))
    @APIResponse(responseCode = "404", description = "No profile of this name.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no such profile", value = ApiDocs.NOT_FOUND_PROFILE)))
    public Uni<ProfileSummary> get(@Parameter(description = "The profile's name.") @PathParam("name") String name) {
        return profiles.get(name).map(ProfileSummary::of);
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listAddonProfileVersions", summary = "List a profile's versions, highest first",
            description = "By Semantic Versioning precedence. Cursor pagination: pass `nextCursor` as `cursor`. "
                    + ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "One page of versions.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocs.VersionPage.class),
                    examples = @ExampleObject(name = "two versions", value = ApiDocs.VERSION_PAGE)))
    @APIResponse(responseCode = "400", description = "`limit` or `cursor` is not valid.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "limit out of range", value = ApiDocs.INVALID_QUERY)))
    @APIResponse(responseCode = "404", description = "No profile of this name.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no such profile", value = ApiDocs.NOT_FOUND_PROFILE)))
    public Uni<Page<VersionSummary>> versions(@Parameter(description = "The profile's name.") @PathParam("name") String name,
            @Parameter(description = "Page size (default 20).") @QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor") @Size(max = 1024)
            String cursor) {
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
    @Operation(operationId = "getAddonProfileVersion", summary = "Get a published version with its layers",
            description = "Each layer as published (chart archives by digest only; values with the `secretValues` "
                    + "paths masked) and references to the objects it renders to. " + ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "The version.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileVersion.class),
            examples = @ExampleObject(name = "a manifests layer and a chart layer", value = ApiDocs.PROFILE_VERSION)))
    @APIResponse(responseCode = "404", description = "No such profile or version.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no such version", value = ApiDocs.NOT_FOUND_VERSION)))
    public Uni<ProfileVersion> version(@Parameter(description = "The profile's name.") @PathParam("name") String name,
            @Parameter(description = "The version (Semantic Versioning 2.0.0).") @PathParam("version") String version) {
        return profiles.version(name, version).map(ProfileVersion::of);
    }

    @GET
    @Path("/{name}/versions/{version}/rendered")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "getRenderedAddonProfileVersion",
            summary = "The objects each layer renders to with its own values, labelled as the agent gets them",
            description = "The layers in apply order, each object as a JSON object (not YAML). Operators only: "
                    + "rendered objects may hold configuration a viewer must not read. The values of Secret objects "
                    + "(data, stringData) are masked for everyone. " + ApiDocs.ROLE_OPERATOR)
    @APIResponse(responseCode = "200", description = "The rendered layers.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DesiredLayer.class),
            examples = @ExampleObject(name = "a ConfigMap and a masked Secret", value = ApiDocs.RENDERED)))
    @APIResponse(responseCode = "404", description = "No such profile or version.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no such version", value = ApiDocs.NOT_FOUND_VERSION)))
    public Uni<List<DesiredLayer>> rendered(
            @Parameter(description = "The profile's name.") @PathParam("name") String name,
            @Parameter(description = "The version (Semantic Versioning 2.0.0).") @PathParam("version") String version) {
        return profiles.rendered(name, version);
    }

    @DELETE
    @Path("/{name}/versions/{version}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteAddonProfileVersion", summary = "Delete a version no cluster has attached",
            description = "409 while it is attached to any cluster; the profile goes with its last version. "
                    + ApiDocs.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No such profile or version.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no such version", value = ApiDocs.NOT_FOUND_VERSION)))
    @APIResponse(responseCode = "409", description = "The version is attached to a cluster.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "attached", value = ApiDocs.VERSION_ATTACHED)))
    public Uni<Response> delete(@Parameter(description = "The profile's name.") @PathParam("name") String name,
            @Parameter(description = "The version (Semantic Versioning 2.0.0).") @PathParam("version") String version) {
        return profiles.delete(name, version).map(v -> Response.noContent().build());
    }
}
