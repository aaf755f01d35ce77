package io.mooring.addon.api;

import io.mooring.addon.config.AddonConfig;
import io.mooring.addon.service.AttachmentService;
import io.mooring.support.api.IdempotencyKeys;
import io.mooring.support.api.PageCursors;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
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

/**
 * The profiles attached to a cluster, one attachment per profile (addressed by the profile's name), with each
 * layer's status as the agent reported it. A cluster of a project the caller cannot see answers 404.
 */
@Path("/api/v1/clusters/{clusterId}/addons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster add-ons", description = "The add-on profiles attached to a cluster (one attachment per "
        + "profile, addressed by the profile's name), with each layer's status as the cluster's agent reported it. "
        + "Only full-permission clusters take add-ons; a cluster of a project the caller cannot see is not found.")
public class AttachmentResource {

    private final AttachmentService attachments;
    private final PageCursors cursors;
    private final CurrentCaller caller;
    private final AddonConfig config;

    public AttachmentResource(AttachmentService attachments, CurrentCaller caller, AddonConfig config,
            PageCursors cursors) {
        this.attachments = attachments;
        this.cursors = cursors;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listClusterAddons", summary = "List the cluster's attachments with per-layer status",
            description = "By profile name. Cursor pagination: pass `nextCursor` as `cursor`; it is null on the "
                    + "last page. " + ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "One page of attachments.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiDocs.AttachmentPage.class),
                    examples = @ExampleObject(name = "one attachment, one layer failed", value = ApiDocs.ATTACHMENT_PAGE)))
    @APIResponse(responseCode = "400", description = "`limit` or `cursor` is not valid.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
            examples = @ExampleObject(name = "limit out of range", value = ApiDocs.INVALID_QUERY)))
    @APIResponse(responseCode = "404", description = "No such cluster, or one the caller may not see.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "no such cluster", value = ApiDocs.NOT_FOUND_CLUSTER)))
    public Uni<Page<Attachment>> list(@Parameter(description = "The cluster's id.") @PathParam("clusterId") UUID clusterId,
            @Parameter(description = "Page size (default 20).") @QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor") @Size(max = 1024)
            String cursor) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        List<String> after = cursors.decode("addon-attachments|" + clusterId, cursor, 1);
        return attachments.list(clusterId, caller.get(), after == null ? null : after.get(0), size + 1)
                .map(rows -> {
                    List<Attachment> items = rows.stream().limit(size).map(Attachment::of).toList();
                    return new Page<>(items, rows.size() > size
                            ? cursors.encode("addon-attachments|" + clusterId, items.get(items.size() - 1).profile())
                            : null);
                });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "attachAddonProfile", summary = "Attach a profile version to the cluster",
            description = "`values` maps chart layers' names to values merged by Helm over the layer's own (a JSON "
                    + "object, or a string of YAML holding a mapping); with values the chart layers are rendered "
                    + "again. The layers start `Pending`; the agent picks them up from its desired state. 409 with "
                    + "the capability's reason for a read-only cluster or an infrastructure profile; 409 naming the "
                    + "object when another attached profile owns one of its objects, or when the profile is "
                    + "attached already (change it with PUT). With `Idempotency-Key`, a retried request answers the "
                    + "first result (200); the same key with another request is a 422. " + ApiDocs.ROLE_OPERATOR)
    @APIResponse(responseCode = "201", description = "Attached.", headers = @Header(name = ApiDocs.LOCATION,
            description = "The attachment's address: `/api/v1/clusters/{clusterId}/addons/{profile}`.",
            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Attachment.class),
                    examples = @ExampleObject(name = "attached", value = ApiDocs.ATTACHMENT)))
    @APIResponse(responseCode = "200", description = "A replay: this `Idempotency-Key` attached the same profile, "
            + "version and values before; the attachment as it is now.", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Attachment.class),
                    examples = @ExampleObject(name = "replayed", value = ApiDocs.ATTACHMENT)))
    @APIResponse(responseCode = "400", description = "The body, the `Idempotency-Key` header or the values are "
            + "not valid (values for a layer that is not a chart layer, values that do not render, layers that "
            + "overlap with these values).", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM)))
    @APIResponse(responseCode = "404", description = "No such cluster (or one the caller may not see), or no such "
            + "profile version.", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "no such cluster", value = ApiDocs.NOT_FOUND_CLUSTER),
                            @ExampleObject(name = "no such version", value = ApiDocs.NOT_FOUND_VERSION) }))
    @APIResponse(responseCode = "409", description = "The cluster is read-only or the profile is an infrastructure "
            + "profile (`operation-not-allowed`, the detail is the capability's reason); another attached profile "
            + "owns one of the objects; the profile is attached already.", content = @Content(
                    mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "read-only cluster", value = ApiDocs.READ_ONLY),
                            @ExampleObject(name = "infrastructure profile", value = ApiDocs.INFRASTRUCTURE),
                            @ExampleObject(name = "object owned by another profile", value = ApiDocs.OWNED_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "The `Idempotency-Key` was used for another request on this "
            + "cluster (`idempotency-key-reused`); a chart layer rendered with the values did not finish within "
            + "the render timeout (`chart-render-timeout`) or its chart could not be pulled (`chart-unavailable`).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = {
                            @ExampleObject(name = "key reused", value = ApiDocs.KEY_REUSED),
                            @ExampleObject(name = "render timeout", value = ApiDocs.RENDER_TIMEOUT) }))
    @APIResponse(responseCode = "503", description = "Rendering with the values found every render worker busy "
            + "and the queue full (`render-busy`), or the database cannot be reached: retry after `Retry-After` "
            + "seconds.", headers = @Header(name = ApiDocs.RETRY_AFTER, description = ApiDocs.RETRY_AFTER_TEXT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "render busy", value = ApiDocs.RENDER_BUSY)))
    public Uni<Response> attach(@Parameter(description = "The cluster's id.") @PathParam("clusterId") UUID clusterId,
            @Valid @NotNull @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AttachRequest.class), examples = {
                            @ExampleObject(name = "values as JSON", value = ApiDocs.ATTACH),
                            @ExampleObject(name = "values as YAML", value = ApiDocs.ATTACH_YAML_VALUES) }))
            AttachRequest request,
            @Parameter(description = "Makes a retry safe: the same key with the same request answers the first "
                    + "result. " + IdempotencyKeys.RULE + ".", schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH, pattern = "^[\\x21-\\x7e]+$"))
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return attachments.attach(clusterId, request.profile(), request.version(), request.values(),
                IdempotencyKeys.checked(idempotencyKey), caller.get()).map(outcome -> {
                    Attachment attachment = Attachment.of(outcome.attachment());
                    return outcome.changed()
                            ? Response.created(UriBuilder.fromPath("/api/v1/clusters/{id}/addons/{profile}")
                                    .build(clusterId, attachment.profile())).entity(attachment).build()
                            : Response.ok(attachment).build();
                });
    }

    @GET
    @Path("/{profile}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getClusterAddon", summary = "Get one attachment with per-layer status",
            description = "`status` is the worst of the layers' (Failed, Drifted, Applying, Pending, then "
                    + "Deployed); `values` have the paths the profile marks secret masked. " + ApiDocs.ROLE_VIEWER)
    @APIResponse(responseCode = "200", description = "The attachment.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Attachment.class),
            examples = @ExampleObject(name = "just attached", value = ApiDocs.ATTACHMENT)))
    @APIResponse(responseCode = "404", description = "No such cluster (or one the caller may not see), or the "
            + "profile is not attached to it.", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "no such cluster", value = ApiDocs.NOT_FOUND_CLUSTER),
                            @ExampleObject(name = "not attached", value = ApiDocs.NOT_ATTACHED) }))
    public Uni<Attachment> get(@Parameter(description = "The cluster's id.") @PathParam("clusterId") UUID clusterId,
            @Parameter(description = "The attached profile's name.") @PathParam("profile") String profile) {
        return attachments.get(clusterId, profile, caller.get()).map(Attachment::of);
    }

    @PUT
    @Path("/{profile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "updateClusterAddon", summary = "Change the attached version or values",
            description = "Replaces version and values (no `values`: no overrides); the layers are rendered again "
                    + "and every layer goes back to `Pending`. The same version and values change nothing (200 all "
                    + "the same). " + ApiDocs.ROLE_OPERATOR)
    @APIResponse(responseCode = "200", description = "The attachment after the change.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Attachment.class),
            examples = @ExampleObject(name = "changed", value = ApiDocs.ATTACHMENT)))
    @APIResponse(responseCode = "400", description = "The body or the values are not valid.", content = @Content(
            mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM)))
    @APIResponse(responseCode = "404", description = "No such cluster (or one the caller may not see), the "
            + "profile is not attached to it, or no such profile version.", content = @Content(
                    mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "not attached", value = ApiDocs.NOT_ATTACHED),
                            @ExampleObject(name = "no such version", value = ApiDocs.NOT_FOUND_VERSION) }))
    @APIResponse(responseCode = "409", description = "The cluster is read-only or the profile is an infrastructure "
            + "profile (`operation-not-allowed`); another attached profile owns one of the objects.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = {
                            @ExampleObject(name = "read-only cluster", value = ApiDocs.READ_ONLY),
                            @ExampleObject(name = "object owned by another profile", value = ApiDocs.OWNED_ELSEWHERE) }))
    @APIResponse(responseCode = "422", description = "A chart layer rendered with the values did not finish within "
            + "the render timeout (`chart-render-timeout`) or its chart could not be pulled (`chart-unavailable`).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "render timeout", value = ApiDocs.RENDER_TIMEOUT)))
    @APIResponse(responseCode = "503", description = "Rendering with the values found every render worker busy "
            + "and the queue full (`render-busy`), or the database cannot be reached: retry after `Retry-After` "
            + "seconds.", headers = @Header(name = ApiDocs.RETRY_AFTER, description = ApiDocs.RETRY_AFTER_TEXT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "render busy", value = ApiDocs.RENDER_BUSY)))
    public Uni<Attachment> update(@Parameter(description = "The cluster's id.") @PathParam("clusterId") UUID clusterId,
            @Parameter(description = "The attached profile's name.") @PathParam("profile") String profile,
            @Valid @NotNull @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UpdateAttachmentRequest.class),
                    examples = @ExampleObject(name = "another version and values", value = ApiDocs.UPDATE)))
            UpdateAttachmentRequest request) {
        return attachments.update(clusterId, profile, request.version(), request.values(), caller.get())
                .map(outcome -> Attachment.of(outcome.attachment()));
    }

    @DELETE
    @Path("/{profile}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "detachAddonProfile", summary = "Detach a profile from the cluster",
            description = "Its objects are listed as removed in the agent's desired state until the agent has pruned "
                    + "them. " + ApiDocs.ROLE_OPERATOR)
    @APIResponse(responseCode = "204", description = "Detached.")
    @APIResponse(responseCode = "404", description = "No such cluster (or one the caller may not see), or the "
            + "profile is not attached to it.", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM), examples = {
                            @ExampleObject(name = "no such cluster", value = ApiDocs.NOT_FOUND_CLUSTER),
                            @ExampleObject(name = "not attached", value = ApiDocs.NOT_ATTACHED) }))
    @APIResponse(responseCode = "409", description = "The cluster is read-only (`operation-not-allowed`).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "read-only cluster", value = ApiDocs.READ_ONLY)))
    public Uni<Response> detach(@Parameter(description = "The cluster's id.") @PathParam("clusterId") UUID clusterId,
            @Parameter(description = "The attached profile's name.") @PathParam("profile") String profile) {
        return attachments.detach(clusterId, profile, caller.get()).map(v -> Response.noContent().build());
    }
}
