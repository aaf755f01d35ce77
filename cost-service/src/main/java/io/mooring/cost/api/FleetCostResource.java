package io.mooring.cost.api;

import io.mooring.cost.service.Aggregate;
import io.mooring.cost.service.CostReport;
import io.mooring.cost.service.ReportService;
import io.mooring.cost.service.ReportSpec;
import io.mooring.support.api.IdList;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cost of every cluster the caller may see (an admin: all), deleted clusters included. */
@Path("/api/v1/fleet/cost")
@Tag(name = CostApiDocs.COST_TAG, description = CostApiDocs.COST_TAG_DESCRIPTION)
public class FleetCostResource {

    private static final String FLEET_EXAMPLE = """
            {"from": "2026-03-01T00:00:00Z", "to": "2026-03-08T00:00:00Z", "window": "7d", "aggregate": "project",
             "rows": [{"name": "shop", "start": "2026-03-01T00:00:00Z", "end": "2026-03-08T00:00:00Z",
                       "properties": {"project": "shop"}, "currency": "USD", "cpuCost": 42.1, "memoryCost": 22.67,
                       "gpuCost": 0, "storageCost": 1.2, "idleCost": 20.3, "totalCost": 65.97, "usedCost": 31.2,
                       "efficiency": 0.472942, "cpuCoreHours": 1344, "memoryGibHours": 5376, "gpuHours": 0,
                       "storageGibHours": 21900}],
             "totals": [{"currency": "USD", "cpuCost": 42.1, "memoryCost": 22.67, "gpuCost": 0, "storageCost": 1.2,
                         "idleCost": 20.3, "totalCost": 65.97, "usedCost": 31.2, "efficiency": 0.472942,
                         "cpuCoreHours": 1344, "memoryGibHours": 5376, "gpuHours": 0, "storageGibHours": 21900}]}""";
    private static final String FLEET_CSV_EXAMPLE = "start,end,name,project,currency,cpu_cost,memory_cost,gpu_cost,"
            + "storage_cost,idle_cost,total_cost,used_cost,efficiency,cpu_core_hours,memory_gib_hours,gpu_hours,"
            + "storage_gib_hours\r\n2026-03-01T00:00:00Z,2026-03-08T00:00:00Z,shop,shop,USD,42.1,22.67,0,1.2,20.3,"
            + "65.97,31.2,0.472942,1344,5376,0,21900\r\n";
    private static final String PROJECT_NOT_FOUND_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Project shop not found"}""";

    /** Most clusters one report may name: the console's largest fleet page. */
    static final int MAX_CLUSTERS = 100;

    private final ReportService reports;
    private final CurrentCaller caller;

    public FleetCostResource(ReportService reports, CurrentCaller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, ReportFormats.CSV})
    @Operation(operationId = "getFleetCost", summary = "The fleet's cost over a window, by cluster (default), project, "
            + "provider, namespace, node, workload or label:<key>, optionally by hour or day",
            description = "Every cluster of the caller's projects (an admin's: all), deleted clusters included; "
                    + "project narrows to some of them, cluster to some clusters (a fleet page's: a cluster the caller "
                    + "cannot see is simply absent). A caller of no project gets an empty report. JSON, or CSV "
                    + "with Accept: text/csv or format=csv. Needs a user token with role mooring-viewer (or higher).")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CostReport.class),
                examples = @ExampleObject(name = "by project", value = FLEET_EXAMPLE)),
        @Content(mediaType = ReportFormats.CSV, schema = @Schema(type = SchemaType.STRING,
                description = CostApiDocs.CSV_BODY), examples = @ExampleObject(name = "by project",
                value = FLEET_CSV_EXAMPLE))})
    @APIResponse(responseCode = "400", description = CostApiDocs.BAD_REPORT, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "bad window and aggregate", value = CostApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "A project given in project that the caller cannot see",
            content = @Content(mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
                    examples = @ExampleObject(name = "invisible project", value = PROJECT_NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "406", description = CostApiDocs.NOT_ACCEPTABLE, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "XML asked for", value = CostApiDocs.NOT_ACCEPTABLE_EXAMPLE)))
    public Uni<Response> cost(
            @Parameter(description = CostApiDocs.WINDOW, example = "7d", schema = @Schema(type = SchemaType.STRING,
                    pattern = CostApiDocs.WINDOW_PATTERN)) @QueryParam("window") String window,
            @Parameter(description = CostApiDocs.FROM, example = "2026-03-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = CostApiDocs.TO, example = "2026-03-02T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = CostApiDocs.FLEET_AGGREGATE, example = "project",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "cluster"))
            @QueryParam("aggregate") String aggregate,
            @Parameter(description = CostApiDocs.STEP, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"hour", "day"})) @QueryParam("step") String step,
            @Parameter(description = "Only these projects (repeat the parameter for several); each must be one the "
                    + "caller can see") @QueryParam("project") List<String> projects,
            @Parameter(description = "Only these clusters (at most " + MAX_CLUSTERS + "; separate them with commas, "
                    + "or repeat the parameter); one the caller cannot see is left out, as one with no cost is",
                    example = "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11") @QueryParam("cluster") List<String> clusters,
            @Parameter(description = CostApiDocs.FORMAT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ReportFormats.wantsCsv(format, accept);
        List<UUID> ids = IdList.parse("cluster", clusters, MAX_CLUSTERS);
        List<UUID> clusterIds = ids.isEmpty() ? null : ids;
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.CLUSTER);
        return reports.fleet(caller.get(), projects, clusterIds, spec)
                .map(report -> ReportFormats.respond(report, spec.aggregate(), csv));
    }
}
