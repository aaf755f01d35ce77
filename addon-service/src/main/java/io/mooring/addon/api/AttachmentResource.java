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

/**
 * The profiles attached to a cluster, one attachment per profile (addressed by the profile's name), with each
 * layer's status as the agent reported it. A cluster of a project the caller cannot see answers 404.
 */
@Path("/api/v1/clusters/{clusterId}/addons")
@Produces(MediaType.APPLICATION_JSON)
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
    @Operation(summary = "The cluster's attachments, by profile name, with per-layer status")
    public Uni<Page<Attachment>> list(@PathParam("clusterId") UUID clusterId,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 1024) String cursor) {
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
    @Operation(summary = "Attach a profile version", description = "409 with the capability's reason for a "
            + "read-only cluster or an infrastructure profile; 409 naming the object when another attached "
            + "profile owns one of its objects. Idempotency-Key makes a retried request answer the first result.")
    public Uni<Response> attach(@PathParam("clusterId") UUID clusterId, @Valid @NotNull AttachRequest request,
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
    public Uni<Attachment> get(@PathParam("clusterId") UUID clusterId, @PathParam("profile") String profile) {
        return attachments.get(clusterId, profile, caller.get()).map(Attachment::of);
    }

    @PUT
    @Path("/{profile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change the attached version or values", description = "Replaces version and values; "
            + "the layers are rendered again and every layer goes back to Pending.")
    public Uni<Attachment> update(@PathParam("clusterId") UUID clusterId, @PathParam("profile") String profile,
            @Valid @NotNull UpdateAttachmentRequest request) {
        return attachments.update(clusterId, profile, request.version(), request.values(), caller.get())
                .map(outcome -> Attachment.of(outcome.attachment()));
    }

    @DELETE
    @Path("/{profile}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Detach a profile", description = "Its objects are listed as removed in the desired "
            + "state until the agent has pruned them.")
    public Uni<Response> detach(@PathParam("clusterId") UUID clusterId, @PathParam("profile") String profile) {
        return attachments.detach(clusterId, profile, caller.get()).map(v -> Response.noContent().build());
    }
}
