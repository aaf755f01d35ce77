package io.mooring.health.api;

import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.health.service.ConnectivityService;
import io.mooring.health.service.EventLogService;
import io.mooring.health.service.InventoryService;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What agents send. The cluster is the subject of the agent's token, so an agent can only ever report for
 * its own cluster; a cluster whose import has not reached this service yet is answered 503 with Retry-After (the
 * agent comes back then), a deleted one 403.
 * Each report carries a reportId and a resend changes nothing.
 */
@Path("/api/v1/agent/reports")
@RolesAllowed(Roles.AGENT)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agent reports", description = "What the agent in each cluster sends: heartbeats, its inventory and"
        + " Kubernetes events. Called with the agent token the registry issued; the cluster is the token's subject.")
@SecurityRequirement(name = "jwt", scopes = Roles.AGENT)
@APIResponse(responseCode = "403", description = "A user token (only agent tokens are accepted here), or the cluster"
        + " was deleted: its agent is no longer accepted and should stop.", content = @Content(mediaType = ApiDocs.PROBLEM,
        schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = {
            @ExampleObject(name = "cluster deleted", value = ApiDocs.CLUSTER_DELETED_EXAMPLE),
            @ExampleObject(name = "user token", value = ApiDocs.FORBIDDEN_EXAMPLE)}))
@APIResponse(responseCode = "503", description = "The cluster of the token is not known to health-service yet: its"
        + " import has not been announced here (a new cluster's agent can be faster than the announcement). Send the"
        + " report again after Retry-After (seconds), with some jitter; nothing was stored. Also the answer when the"
        + " service cannot reach its database just now, with the same advice.",
        headers = @Header(name = "Retry-After", ref = "Retry-After"), content = @Content(mediaType = ApiDocs.PROBLEM,
        schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "not known yet",
                value = ApiDocs.CLUSTER_UNKNOWN_EXAMPLE)))
public class AgentReportResource {

    // Response examples: cluster-agent's fake platform answers with them (docs/api/openapi/health.yaml).
    static final String HEARTBEAT_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "connectivity": "Connected", "health": "Healthy",
             "duplicate": false}""";
    static final String INVENTORY_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accepted": true, "health": "Healthy"}""";
    static final String EVENTS_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accepted": 2, "entries": 1, "duplicate": false}""";

    static final String TOO_BUSY_EXAMPLE = """
            {"type": "https://mooring.io/problems/too-many-requests", "title": "Too many requests", "status": 429,
             "detail": "The event log is writing slower than batches arrive; send this batch again later."}""";

    private final CurrentCaller caller;
    private final ReportValidator validator;
    private final ConnectivityService connectivity;
    private final InventoryService inventory;
    private final EventLogService events;

    public AgentReportResource(CurrentCaller caller, ReportValidator validator, ConnectivityService connectivity,
            InventoryService inventory, EventLogService events) {
        this.caller = caller;
        this.validator = validator;
        this.connectivity = connectivity;
        this.inventory = inventory;
        this.events = events;
    }

    @POST
    @Path("/heartbeat")
    @Operation(operationId = "sendHeartbeat", summary = "A heartbeat: keeps the cluster Connected",
            description = "Sent every 30 s; a cluster whose agent stays silent longer than the disconnect threshold"
                    + " (10 min by default) becomes Disconnected. The heartbeat also carries the agent's version and"
                    + " its permission mode. " + ApiDocs.AGENT_TOKEN)
    @APIResponse(responseCode = "200", description = ApiDocs.STORED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.HeartbeatAck.class),
            examples = @ExampleObject(name = "connected", value = HEARTBEAT_ACK)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REPORT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid",
                    value = ApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "413", description = ApiDocs.TOO_LARGE + " The limit is 16 KiB.", content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "too large", value = ApiDocs.TOO_LARGE_EXAMPLE)))
    public Uni<ResponseBodies.HeartbeatAck> heartbeat(Heartbeat body) {
        Heartbeat heartbeat = validator.heartbeat(body);
        return connectivity.heartbeat(cluster(), heartbeat).map(r -> new ResponseBodies.HeartbeatAck(r.clusterId(),
                r.connectivity().displayName(), r.health() == null ? null : r.health().displayName(), r.duplicate()));
    }

    @POST
    @Path("/inventory")
    @Operation(operationId = "reportInventory", summary = "The cluster's whole inventory",
            description = "Stored as the cluster's latest inventory and judged by the health checks; send it"
                    + " gzip-compressed (Content-Encoding: gzip). A resend, or an inventory older than the stored one,"
                    + " is answered 200 with accepted false and changes nothing. " + ApiDocs.AGENT_TOKEN)
    @APIResponse(responseCode = "200", description = ApiDocs.STORED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.InventoryAck.class),
            examples = @ExampleObject(name = "accepted", value = INVENTORY_ACK)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REPORT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid",
                    value = ApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "413", description = ApiDocs.TOO_LARGE + " The limit is 16 MiB.", content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "too large", value = ApiDocs.TOO_LARGE_EXAMPLE)))
    public Uni<ResponseBodies.InventoryAck> inventory(InventoryReport body) {
        InventoryReport report = validator.inventory(body);
        return inventory.report(cluster(), report).map(r -> new ResponseBodies.InventoryAck(r.clusterId(), r.accepted(),
                r.detail(), r.health() == null ? null : r.health().displayName()));
    }

    @POST
    @Path("/events")
    @Operation(operationId = "reportEvents", summary = "A batch of Kubernetes events",
            description = "Deduplicated into the cluster's event log. When the event log writes slower than batches"
                    + " arrive, the batch is refused at once with 429: keep it and send it again after Retry-After. "
                    + ApiDocs.AGENT_TOKEN)
    @APIResponse(responseCode = "200", description = ApiDocs.STORED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.EventsAck.class),
            examples = @ExampleObject(name = "two events, one new entry", value = EVENTS_ACK)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_REPORT, content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid",
                    value = ApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "413", description = ApiDocs.TOO_LARGE + " The limit is 4 MiB.", content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "too large", value = ApiDocs.TOO_LARGE_EXAMPLE)))
    @APIResponse(responseCode = "429", description = "The event log's write queue is full; nothing of this batch was"
            + " stored. Send it again after Retry-After.",
            headers = @Header(name = "Retry-After", ref = "Retry-After"), content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "queue full", value = TOO_BUSY_EXAMPLE)))
    public Uni<ResponseBodies.EventsAck> events(EventBatch body) {
        EventBatch batch = validator.events(body);
        return events.ingest(cluster(), batch)
                .map(r -> new ResponseBodies.EventsAck(r.clusterId(), r.accepted(), r.entries(), r.duplicate()));
    }

    private UUID cluster() {
        return caller.get().agentClusterId();
    }
}
