package io.mooring.cost.api;

import io.mooring.cost.service.Aggregate;
import io.mooring.cost.service.ReportService;
import io.mooring.cost.service.ReportSpec;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cost of every cluster the caller may see (an admin: all), deleted clusters included. */
@Path("/api/v1/fleet/cost")
@Tag(name = "Cost")
public class FleetCostResource {

    private final ReportService reports;
    private final CurrentCaller caller;

    public FleetCostResource(ReportService reports, CurrentCaller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, ReportFormats.CSV})
    @Operation(summary = "The fleet's cost over a window, by cluster (default), project, provider, namespace, node, "
            + "workload or label:<key>, optionally by hour or day; project narrows to some projects; JSON or CSV")
    public Uni<Response> cost(@QueryParam("window") String window, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("aggregate") String aggregate, @QueryParam("step") String step,
            @QueryParam("project") List<String> projects, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ReportFormats.wantsCsv(format, accept);
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.CLUSTER);
        return reports.fleet(caller.get(), projects, spec)
                .map(report -> ReportFormats.respond(report, spec.aggregate(), csv));
    }
}
