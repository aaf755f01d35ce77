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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What agents send. The cluster is the subject of the agent's token, so an agent can only ever report for
 * its own cluster; a cluster that was never imported here is refused with 404, a deleted one with 403.
 * Each report carries a reportId and a resend changes nothing.
 */
@Path("/api/v1/agent/reports")
@RolesAllowed(Roles.AGENT)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agent reports")
public class AgentReportResource {

    // Response examples: cluster-agent's fake platform answers with them (docs/api/openapi/health.yaml).
    static final String HEARTBEAT_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "connectivity": "Connected", "health": "Healthy",
             "duplicate": false}""";
    static final String INVENTORY_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accepted": true, "health": "Healthy"}""";
    static final String EVENTS_ACK = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accepted": 2, "entries": 1, "duplicate": false}""";

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
    @Operation(summary = "A heartbeat (every 30 s): keeps the cluster Connected")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.HeartbeatAck.class), examples = @ExampleObject(name = "connected", value = HEARTBEAT_ACK)))
    public Uni<ResponseBodies.HeartbeatAck> heartbeat(Heartbeat body) {
        Heartbeat heartbeat = validator.heartbeat(body);
        return connectivity.heartbeat(cluster(), heartbeat).map(r -> new ResponseBodies.HeartbeatAck(r.clusterId(),
                r.connectivity().displayName(), r.health() == null ? null : r.health().displayName(), r.duplicate()));
    }

    @POST
    @Path("/inventory")
    @Operation(summary = "The cluster's whole inventory: stored as the latest, judged by the health checks")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.InventoryAck.class), examples = @ExampleObject(name = "accepted", value = INVENTORY_ACK)))
    public Uni<ResponseBodies.InventoryAck> inventory(InventoryReport body) {
        InventoryReport report = validator.inventory(body);
        return inventory.report(cluster(), report).map(r -> new ResponseBodies.InventoryAck(r.clusterId(), r.accepted(),
                r.detail(), r.health() == null ? null : r.health().displayName()));
    }

    @POST
    @Path("/events")
    @Operation(summary = "A batch of Kubernetes events, deduplicated into the cluster's event log")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.EventsAck.class), examples = @ExampleObject(name = "two events, one new entry", value = EVENTS_ACK)))
    public Uni<ResponseBodies.EventsAck> events(EventBatch body) {
        EventBatch batch = validator.events(body);
        return events.ingest(cluster(), batch)
                .map(r -> new ResponseBodies.EventsAck(r.clusterId(), r.accepted(), r.entries(), r.duplicate()));
    }

    private UUID cluster() {
        return caller.get().agentClusterId();
    }
}
