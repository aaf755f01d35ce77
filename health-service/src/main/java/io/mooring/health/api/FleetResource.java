package io.mooring.health.api;

import io.mooring.health.service.FleetService;
import io.mooring.support.api.IdList;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet at a glance, limited to the caller's projects (admins see every project). */
@Path("/api/v1/fleet/health")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet", description = "Every cluster the caller may see at a glance: counts by connectivity and health,"
        + " and the clusters that need attention.")
@SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
public class FleetResource {

    static final String FLEET_EXAMPLE = """
            {"total": 12, "byConnectivity": {"Pending": 1, "Connected": 10, "Disconnected": 1},
             "byHealth": {"Healthy": 9, "Degraded": 1, "Unhealthy": 1, "Unknown": 1},
             "needsAttention": [{"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "project": "payments",
                                 "name": "prod-eu-1", "connectivity": "Connected", "health": "Unhealthy",
                                 "since": "2026-12-03T13:58:02Z", "lastHeartbeat": "2026-12-03T14:20:31Z",
                                 "reasons": [{"name": "node-readiness", "status": "fail",
                                              "message": "3 of 6 nodes not ready"}]}]}""";

    static final String LIMIT_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.", "errors": [{"field": "limit", "message": "must be less than or\
             equal to 500"}]}""";

    static final String ROWS_EXAMPLE = """
            {"from": "2026-12-02T15:00:00Z", "to": "2026-12-03T15:00:00Z",
             "items": [{"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "project": "payments",
                        "name": "prod-eu-1", "connectivity": "Connected", "health": "Degraded",
                        "since": "2026-12-03T13:58:02Z", "lastHeartbeat": "2026-12-03T14:20:31Z",
                        "eventsPerHour": [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, 3, 3, 4, 9]}]}""";

    static final String IDS_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.", "errors": [{"field": "id", "message": "not a UUID: prod-eu-1"}]}""";

    /** Most clusters one rows request may name: the console's largest page. */
    static final int MAX_IDS = 100;

    private final FleetService fleet;

    public FleetResource(FleetService fleet) {
        this.fleet = fleet;
    }

    @GET
    @Operation(operationId = "getFleetHealth", summary = "The fleet's health at a glance",
            description = "Counts by connectivity and health (every value present, zero included) and up to limit"
                    + " clusters that are Unhealthy, Disconnected or Degraded, worst first. Limited to the caller's"
                    + " projects (an admin sees every project); a project the caller cannot see is simply empty. "
                    + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.FleetView.class),
            examples = @ExampleObject(name = "one cluster needs attention", value = FLEET_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "limit is outside 1..500.", content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "invalid limit", value = LIMIT_EXAMPLE)))
    public Uni<ResponseBodies.FleetView> fleet(
            @Parameter(description = "Only this project; absent for every project the caller sees.",
                    example = "payments")
            @QueryParam("project") String project,
            @Parameter(description = "At most this many clusters in needsAttention, 1 to 500.")
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return fleet.fleet(project, limit).map(ResponseBodies.FleetView::of);
    }

    @GET
    @Path("/clusters")
    @Operation(operationId = "listFleetClusterHealth", summary = "The health of a page of clusters, with their"
            + " event rates", description = "For each cluster named by id (1 to " + MAX_IDS + "):"
                    + " connectivity, health, since when, the last heartbeat and the number of event-log"
                    + " entries happening in each of the last 24 hours, for a fleet page in one request. A cluster"
                    + " the caller cannot see, or that does not exist, is simply absent. " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.FleetRows.class),
            examples = @ExampleObject(name = "one cluster", value = ROWS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No id, more than " + MAX_IDS + ", or one that is not a UUID.",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA),
                    examples = @ExampleObject(name = "not a UUID", value = IDS_EXAMPLE)))
    public Uni<ResponseBodies.FleetRows> clusters(
            @Parameter(description = "The clusters' ids, 1 to " + MAX_IDS + ": separated by commas, or the parameter"
                    + " repeated.",
                    example = ApiDocs.CLUSTER_ID) @QueryParam("id") List<String> ids) {
        List<UUID> clusters = IdList.parse("id", ids, MAX_IDS);
        if (clusters.isEmpty()) {
            throw ProblemException.invalid("id", "at least one cluster id is required");
        }
        return fleet.rows(clusters).map(ResponseBodies.FleetRows::of);
    }
}
