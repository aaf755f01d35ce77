package io.mooring.notification.api;

import io.mooring.notification.service.DeliveryView;
import io.mooring.notification.service.EndpointService;
import io.mooring.notification.service.EndpointView;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Webhook endpoints of the projects the caller may see, with their delivery logs. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Where a project's alerts are delivered: https endpoints receiving signed"
        + " CloudEvents (or Slack or Teams messages), retried with backoff, each with its delivery log.")
public class WebhookResource {

    private final EndpointService endpoints;
    private final CurrentCaller caller;

    public WebhookResource(EndpointService endpoints, CurrentCaller caller) {
        this.endpoints = endpoints;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints",
            description = "Role: mooring-viewer. The endpoints of the projects the caller may see; never their secrets.")
    @APIResponse(responseCode = "200", description = "The endpoints.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointPage.class)))
    public Uni<EndpointPage> list(@Parameter(description = "Only this project's endpoints.") @QueryParam("project")
            String project) {
        return endpoints.list(project, caller.get()).map(EndpointPage::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "createWebhook", summary = "Create a webhook endpoint",
            description = "Role: mooring-operator, member of the project. The answer carries the signing secret,"
                    + " the only time it is shown: deliveries are signed in the Standard Webhooks style"
                    + " (webhook-id, webhook-timestamp, webhook-signature = v1,base64(HMAC-SHA256(secret,"
                    + " id.timestamp.body)), the key being the base64 after `whsec_`).")
    @APIResponse(responseCode = "201", description = "Created, with its secret.", headers = @Header(
            name = HttpHeaders.LOCATION, description = "The new endpoint, relative to the API root.",
            schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EndpointView.class),
                    examples = @ExampleObject(name = "created", value = ApiDocs.ENDPOINT_CREATED)))
    @APIResponse(responseCode = "400", description = ApiDocs.INVALID + " A URL that is not https, or whose host is"
            + " not allowed or resolves to a private address, is refused here.", content = @Content(
                    mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "409", description = "An endpoint of this name exists in the project.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<RestResponse<EndpointView>> create(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointRequest.class)))
            @Valid @NotNull EndpointRequest request) {
        return endpoints.create(request.project(), request.name(), request.url(), request.format(), caller.get())
                .map(created -> RestResponse.ResponseBuilder.<EndpointView>create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(operationId = "getWebhook", summary = "Get a webhook endpoint",
            description = "Role: mooring-viewer. Whether it is enabled, and why not.")
    @APIResponse(responseCode = "200", description = "The endpoint.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return endpoints.get(id, caller.get());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook endpoint",
            description = "Role: mooring-operator, member of the project. Its pending deliveries and log go with it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return endpoints.delete(id, caller.get());
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "enableWebhook", summary = "Enable a disabled webhook endpoint",
            description = "Role: mooring-operator, member of the project. Its pending deliveries are sent again;"
                    + " alerts raised while it was disabled were not queued for it.")
    @APIResponse(responseCode = "200", description = "Enabled.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<EndpointView> enable(@PathParam("id") UUID id) {
        return endpoints.enable(id, caller.get());
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "disableWebhook", summary = "Disable a webhook endpoint",
            description = "Role: mooring-operator, member of the project. As when it keeps failing: alerts raised"
                    + " while it is disabled are not queued for it, and its pending deliveries wait until it is"
                    + " enabled. The reason names who disabled it; an endpoint disabled already keeps its reason.")
    @APIResponse(responseCode = "200", description = "Disabled.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<EndpointView> disable(@PathParam("id") UUID id) {
        return endpoints.disable(id, caller.get());
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook endpoint's signing secret",
            description = "Role: mooring-operator, member of the project. The answer carries the new secret, the only"
                    + " time it is shown. For the grace period (default and at most PT24H; PT0S for none) deliveries"
                    + " carry two signatures, space-separated in webhook-signature: `v1,<new> v1,<previous>`, as"
                    + " the Standard Webhooks specification allows, so the receiver can switch to the new secret"
                    + " without refusing a delivery; then only the new one. Rotating again during a grace period"
                    + " ends it: only the secret replaced then keeps signing.")
    @APIResponse(responseCode = "200", description = "Rotated, with the new secret.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class),
            examples = @ExampleObject(name = "rotated", value = ApiDocs.ENDPOINT_ROTATED)))
    @APIResponse(responseCode = "400", description = "The grace period is not an ISO-8601 duration from PT0S to"
            + " PT24H.", content = @Content(mediaType = ApiDocs.PROBLEM,
                    schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<EndpointView> rotateSecret(@PathParam("id") UUID id, @RequestBody(required = false,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SecretRotationRequest.class))) SecretRotationRequest request) {
        return endpoints.rotateSecret(id, request == null ? null : request.gracePeriod(), caller.get());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log",
            description = "Role: mooring-viewer. Newest first: status, attempts, the last error and latency.")
    @APIResponse(responseCode = "200", description = "The deliveries.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class),
            examples = @ExampleObject(name = "log", value = ApiDocs.DELIVERIES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A query parameter is out of range.", content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<DeliveryPage> deliveries(@PathParam("id") UUID id,
            @Parameter(description = "Only deliveries with a smaller id (the next page).") @QueryParam("before")
            @Min(1) Long before,
            @Parameter(description = "At most this many.") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
            int limit) {
        return endpoints.deliveries(id, before, limit, caller.get()).map(DeliveryPage::new);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Deliver an alert again",
            description = "Role: mooring-operator, member of the project. Queues the delivery again with the same"
                    + " body and webhook-id, in its place among the cluster's alerts: a receiver that has it already can tell by the id.")
    @APIResponse(responseCode = "202", description = "Queued.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<RestResponse<DeliveryView>> redeliver(@PathParam("id") UUID id,
            @PathParam("deliveryId") long deliveryId) {
        return endpoints.redeliver(id, deliveryId, caller.get())
                .map(d -> RestResponse.ResponseBuilder.<DeliveryView>create(RestResponse.Status.ACCEPTED).entity(d)
                        .build());
    }

    @Schema(description = "Webhook endpoints.")
    public record EndpointPage(List<EndpointView> items) {
    }

    @Schema(description = "Deliveries, newest first.")
    public record DeliveryPage(List<DeliveryView> items) {
    }
}
