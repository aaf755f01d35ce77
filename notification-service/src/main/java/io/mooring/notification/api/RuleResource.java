package io.mooring.notification.api;

import io.mooring.notification.service.RuleService;
import io.mooring.notification.service.RuleView;
import io.mooring.support.security.CurrentCaller;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
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

/** Notification rules of the projects the caller may see. */
@Path("/api/v1/notification-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notification rules", description = "What raises an alert in a project: a cluster disconnected or back,"
        + " health Degraded or Unhealthy and recovered, an add-on layer Failed or Drifted, a migration confirmed, a"
        + " cluster deleted, or a monthly budget crossed. Alerts go to the webhooks a rule names, or to every enabled"
        + " webhook of the project when it names none.")
public class RuleResource {

    private final RuleService rules;
    private final CurrentCaller caller;

    public RuleResource(RuleService rules, CurrentCaller caller) {
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(operationId = "listNotificationRules", summary = "List notification rules",
            description = "Role: mooring-viewer. The rules of the projects the caller may see, by project and name.")
    @APIResponse(responseCode = "200", description = "The rules.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulePage.class)))
    public Uni<RulePage> list(@Parameter(description = "Only this project's rules.") @QueryParam("project")
            String project) {
        return rules.list(project, caller.get()).map(RulePage::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "createNotificationRule", summary = "Create a notification rule",
            description = "Role: mooring-operator, member of the project.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(name = HttpHeaders.LOCATION,
            description = "The new rule, relative to the API root.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleView.class),
                    examples = @ExampleObject(name = "rule", value = ApiDocs.RULE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = ApiDocs.INVALID, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "409", description = "A rule of this name exists in the project.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<RestResponse<RuleView>> create(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleRequest.class),
            examples = @ExampleObject(name = "budget", value = ApiDocs.BUDGET_RULE_REQUEST)))
            @Valid @NotNull RuleRequest request) {
        RuleService.NewRule rule = new RuleService.NewRule(request.project(), request.name(), request.trigger(),
                request.clusterId(), request.quietPeriod(),
                request.budget() == null ? null : request.budget().monthlyAmount(),
                request.budget() == null ? null : request.budget().thresholds(), request.webhooks());
        return rules.create(rule, caller.get()).map(created -> RestResponse.ResponseBuilder.<RuleView>create(
                RestResponse.Status.CREATED).location(URI.create("/api/v1/notification-rules/" + created.id()))
                .entity(created).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
    @Operation(operationId = "getNotificationRule", summary = "Get a notification rule",
            description = "Role: mooring-viewer, of a project the caller may see.")
    @APIResponse(responseCode = "200", description = "The rule.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleView.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<RuleView> get(@PathParam("id") UUID id) {
        return rules.get(id, caller.get());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, ApiDocs.MERGE_PATCH })
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "updateNotificationRule", summary = "Change a notification rule",
            description = "Role: mooring-operator, member of the project. A JSON merge patch, as for clusters: a"
                    + " field left out (or null) stays as it is. Changes the name, the quiet period, a budget rule's"
                    + " budget and the webhooks the rule goes to (`webhooks` replaces them, an empty list leaves them;"
                    + " `allWebhooks: true` sends it to every enabled webhook of the project again). The project, trigger"
                    + " and cluster cannot be changed. The rule keeps its id and what its alerts already told (quiet"
                    + " periods, budget percentages of the month): the change applies from the next alert.")
    @APIResponse(responseCode = "200", description = "The rule as changed.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleView.class),
            examples = @ExampleObject(name = "rule", value = ApiDocs.RULE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field is not valid or cannot be changed, a webhook is not"
            + " one of the project's, or the patch changes nothing: `errors` names each one.", content = @Content(
                    mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA),
                    examples = @ExampleObject(name = "trigger", value = ApiDocs.FIXED_TRIGGER)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "409", description = "Another rule of the project has this name.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<RuleView> update(@PathParam("id") UUID id, @RequestBody(required = true, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = RuleUpdateRequest.class),
                        examples = @ExampleObject(name = "retarget", value = ApiDocs.RULE_UPDATE)),
                @Content(mediaType = ApiDocs.MERGE_PATCH, schema = @Schema(implementation = RuleUpdateRequest.class),
                        examples = @ExampleObject(name = "retarget", value = ApiDocs.RULE_UPDATE)) })
            @Valid @NotNull RuleUpdateRequest request) {
        RuleService.RuleChange change = new RuleService.RuleChange(request.project(), request.trigger(),
                request.clusterId(), request.name(), request.quietPeriod(),
                request.budget() == null ? null : request.budget().monthlyAmount(),
                request.budget() == null ? null : request.budget().thresholds(), request.webhooks(),
                request.allWebhooks());
        return rules.update(id, change, caller.get());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt", scopes = Roles.OPERATOR)
    @Operation(operationId = "deleteNotificationRule", summary = "Delete a notification rule",
            description = "Role: mooring-operator, member of the project. Alerts it already queued are still"
                    + " delivered.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND, content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA)))
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return rules.delete(id, caller.get());
    }

    @Schema(description = "Notification rules.")
    public record RulePage(java.util.List<RuleView> items) {
    }
}
