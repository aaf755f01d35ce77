package io.mooring.health.api;

import io.mooring.health.service.FleetService;
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
}
