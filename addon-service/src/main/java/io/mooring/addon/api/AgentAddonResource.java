package io.mooring.addon.api;

import io.mooring.addon.service.AgentAddonService;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.addons.StatusReportResult;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * The agent's side: the desired state of its own cluster (the token's subject) and its status reports. A deleted
 * cluster's agent is refused (403).
 */
@Path("/api/v1/agent/addons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agent add-ons", description = "For cluster agents only (an agent token the registry issued; the "
        + "cluster is the token's subject): the desired state of the agent's cluster, and the status of each layer "
        + "as the agent applied it. A deleted cluster's agent is refused (403).")
@APIResponse(responseCode = "403", description = "Not an agent token, or the token's cluster has been deleted.",
        content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM),
                examples = @ExampleObject(name = "cluster deleted", value = ApiDocs.CLUSTER_DELETED)))
public class AgentAddonResource {

    // Response examples: cluster-agent's fake platform is checked against them (docs/api/openapi/addon.yaml).
    static final String DESIRED_STATE = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "revision": 7, "profiles": [
               {"attachmentId": "9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f", "profile": "observability", "version": "1.2.0",
                "generation": 3, "layers": [
                  {"name": "config", "order": 0, "source": "manifests", "namespace": "observability", "adoptExisting": false,
                   "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "collector-config"},
                                "data": {"interval": "30s"}}]}]}],
             "removed": [
               {"attachmentId": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "profile": "logging", "layer": "agents",
                "objects": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "namespace": "logging", "name": "fluent-bit"}]}]}""";
    static final String STATUS_REPORT = """
            {"layers": [{"attachmentId": "9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f", "generation": 3, "layer": "config",
                         "status": "Deployed"},
                        {"attachmentId": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "generation": 1, "layer": "agents",
                         "status": "Failed", "message": "DaemonSet logging/fluent-bit: 0 of 3 pods ready"}],
             "prunedRevision": 7}""";
    static final String STATUS_RESULT = """
            {"changed": 1, "ignored": [{"attachmentId": "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", "layer": "agents",
                                         "reason": "no such attachment on this cluster (detached, or never attached)"}]}""";

    private final AgentAddonService agents;
    private final CurrentCaller caller;

    public AgentAddonResource(AgentAddonService agents, CurrentCaller caller) {
        this.agents = agents;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "getAgentDesiredState", summary = "The desired state of the agent's cluster",
            description = "Every attached profile's layers, rendered, in apply order, and the objects of detached "
                    + "layers still to prune. `ETag` is the revision, which grows with every change; with "
                    + "`If-None-Match` holding it the answer is 304 Not Modified while nothing changed. A cluster "
                    + "addon-service has not heard of yet has revision 0 and nothing attached. " + ApiDocs.ROLE_AGENT)
    @APIResponse(responseCode = "200", description = "The desired state.", headers = {
            @Header(name = HttpHeaders.ETAG, description = "The revision, quoted: `\"7\"`.",
                    schema = @Schema(type = SchemaType.STRING)),
            @Header(name = HttpHeaders.CACHE_CONTROL, description = "`no-cache`: revalidate with `If-None-Match`.",
                    schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DesiredState.class),
                    examples = @ExampleObject(name = "one profile, one removed layer", value = DESIRED_STATE)))
    @APIResponse(responseCode = "304", description = "Not modified: the agent holds this revision already.",
            headers = @Header(name = HttpHeaders.ETAG, description = "The revision, quoted.",
                    schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> desiredState(@Parameter(description = "The `ETag` of the desired state the agent holds "
            + "(weak or strong), or `*`.") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID clusterId = caller.get().agentClusterId();
        return agents.desiredState(clusterId, revision -> matches(ifNoneMatch, revision)).map(answer -> {
            EntityTag tag = new EntityTag(Long.toString(answer.revision()));
            if (answer.state() == null) {
                return Response.notModified(tag).build();
            }
            return Response.ok(answer.state()).tag(tag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
        });
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportAddonStatus", summary = "Report the state of layers (and what was pruned)",
            description = "Idempotent: a layer whose state and message did not change is not recorded or published "
                    + "again. Reports of detached attachments, old generations or unknown layers are ignored and "
                    + "listed with the reason. `prunedRevision` acknowledges the removals of that revision and "
                    + "before. A `Failed` layer needs a message. " + ApiDocs.ROLE_AGENT)
    @APIResponse(responseCode = "200", description = "How many layers changed, and the reports ignored.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StatusReportResult.class),
                    examples = @ExampleObject(name = "one layer changed, one ignored", value = STATUS_RESULT)))
    @APIResponse(responseCode = "400", description = "The report is not valid (a `Failed` layer without a message, "
            + "a missing field).", content = @Content(mediaType = ApiDocs.PROBLEM_JSON,
                    schema = @Schema(ref = ApiDocs.PROBLEM)))
    public Uni<StatusReportResult> report(@Valid @NotNull @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusReport.class),
            examples = @ExampleObject(name = "one layer deployed, one failed", value = STATUS_REPORT)))
            StatusReport report) {
        return agents.report(caller.get().agentClusterId(), report);
    }

    /** Whether an If-None-Match header names this revision (weak or strong), or is {@code *}. */
    static boolean matches(String ifNoneMatch, long revision) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String expected = "\"" + revision + "\"";
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
