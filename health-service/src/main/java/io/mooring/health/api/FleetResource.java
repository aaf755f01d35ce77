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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet at a glance, limited to the caller's projects (admins see every project). */
@Path("/api/v1/fleet/health")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet")
public class FleetResource {

    private final FleetService fleet;

    public FleetResource(FleetService fleet) {
        this.fleet = fleet;
    }

    @GET
    @Operation(summary = "Counts by connectivity and health, and the clusters that need attention")
    public Uni<ResponseBodies.FleetView> fleet(@QueryParam("project") String project,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return fleet.fleet(project, limit).map(ResponseBodies.FleetView::of);
    }
}
