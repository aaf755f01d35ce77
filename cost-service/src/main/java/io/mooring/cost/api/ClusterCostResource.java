package io.mooring.cost.api;

import io.mooring.cost.api.OpenCostAllocation.AllocationResponse;
import io.mooring.cost.api.RateViews.CardUseView;
import io.mooring.cost.api.RateViews.ClusterRatesView;
import io.mooring.cost.api.RateViews.NodeRateView;
import io.mooring.cost.api.RateViews.RateView;
import io.mooring.cost.domain.AccrualSettings;
import io.mooring.cost.domain.ClusterRates;
import io.mooring.cost.domain.RateCard;
import io.mooring.cost.service.Aggregate;
import io.mooring.cost.service.CostReport;
import io.mooring.cost.service.RatesService;
import io.mooring.cost.service.RatesService.ClusterPricing;
import io.mooring.cost.service.ReportService;
import io.mooring.cost.service.ReportSpec;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One cluster's cost and the rates it is priced at; for viewers of its project. */
@Path("/api/v1/clusters/{id}")
@Tag(name = CostApiDocs.COST_TAG, description = CostApiDocs.COST_TAG_DESCRIPTION)
public class ClusterCostResource {

    private static final String RATES_EXAMPLE = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "clusterName": "shop-prod", "project": "shop",
             "cloudType": "eks", "deleted": false, "currency": "USD", "cpuMemoryWeight": "65:35",
             "unitRates": {"cpuCoreHour": {"value": 0.05, "source": "PROJECT_OVERRIDE"},
                           "memoryGibHour": {"value": 0.004237, "source": "INSTALLATION_DEFAULT"},
                           "gpuHour": {"value": 0.95, "source": "INSTALLATION_DEFAULT"},
                           "storageGibMonth": {"value": 0.04, "source": "INSTALLATION_DEFAULT"}},
             "instancePrices": {"m5.large": {"value": 0.2, "source": "CLUSTER_OVERRIDE"}},
             "card": {"source": "https://aws.amazon.com/ec2/pricing/on-demand/", "asOf": "2026-11-25",
                      "currency": "USD", "applies": true},
             "nodes": [{"node": "n1", "instanceType": "m5.large", "region": "us-east-1", "basis": "INSTANCE_PRICE",
                        "hourly": 0.2, "computeHourly": 0.2, "gpuHourly": 0,
                        "instancePrice": {"value": 0.2, "source": "CLUSTER_OVERRIDE"}},
                       {"node": "n2", "basis": "UNIT_RATES", "hourly": 0.267792, "computeHourly": 0.267792,
                        "gpuHourly": 0, "reason": "the node reports no instance type"}]}""";
    private static final String ALLOCATION_EXAMPLE = """
            {"code": 200, "status": "success",
             "data": [{"team-a": {"name": "team-a",
                                  "properties": {"cluster": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11",
                                                 "namespace": "team-a"},
                                  "window": {"start": "2026-03-03T08:00:00Z", "end": "2026-03-03T09:00:00Z"},
                                  "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T09:00:00Z",
                                  "cpuCoreHours": 0.5, "cpuCost": 0.0156, "gpuHours": 0, "gpuCost": 0,
                                  "ramByteHours": 2147483648, "ramCost": 0.0084, "pvByteHours": 78383153152,
                                  "pvCost": 0.004, "totalCost": 0.028, "totalEfficiency": 0.4, "currency": "USD"}}]}""";


    private final ReportService reports;
    private final RatesService rates;
    private final CurrentCaller caller;
    private final AccrualSettings settings;

    public ClusterCostResource(ReportService reports, RatesService rates, CurrentCaller caller,
            AccrualSettings settings) {
        this.reports = reports;
        this.rates = rates;
        this.caller = caller;
        this.settings = settings;
    }

    @GET
    @Path("/cost")
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, ReportFormats.CSV})
    @Operation(operationId = "getClusterCost", summary = "The cluster's cost over a window, by namespace (default), "
            + "node, workload, label:<key>, cluster, project or provider, optionally by hour or day",
            description = "JSON, or CSV with Accept: text/csv or format=csv. Amounts are exact sums in the "
                    + "installation currency, unrounded; a deleted cluster's history stays readable. "
                    + CostApiDocs.VIEWER)
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CostReport.class),
                examples = @ExampleObject(name = "by namespace", value = CostApiDocs.REPORT_EXAMPLE)),
        @Content(mediaType = ReportFormats.CSV, schema = @Schema(type = SchemaType.STRING,
                description = CostApiDocs.CSV_BODY), examples = @ExampleObject(name = "by namespace",
                value = CostApiDocs.CSV_EXAMPLE))})
    @APIResponse(responseCode = "400", description = CostApiDocs.BAD_REPORT, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "bad window and aggregate", value = CostApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = CostApiDocs.CLUSTER_NOT_FOUND, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "unknown or invisible", value = CostApiDocs.CLUSTER_NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "406", description = CostApiDocs.NOT_ACCEPTABLE, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "XML asked for", value = CostApiDocs.NOT_ACCEPTABLE_EXAMPLE)))
    public Uni<Response> cost(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id,
            @Parameter(description = CostApiDocs.WINDOW, example = "7d", schema = @Schema(type = SchemaType.STRING,
                    pattern = CostApiDocs.WINDOW_PATTERN)) @QueryParam("window") String window,
            @Parameter(description = CostApiDocs.FROM, example = "2026-03-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = CostApiDocs.TO, example = "2026-03-02T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = CostApiDocs.CLUSTER_AGGREGATE, example = "namespace",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "namespace"))
            @QueryParam("aggregate") String aggregate,
            @Parameter(description = CostApiDocs.STEP, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"hour", "day"})) @QueryParam("step") String step,
            @Parameter(description = CostApiDocs.FORMAT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = ReportFormats.wantsCsv(format, accept);
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.NAMESPACE);
        return reports.cluster(caller.get(), id, spec)
                .map(report -> ReportFormats.respond(report, spec.aggregate(), csv));
    }

    @GET
    @Path("/cost/allocation")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getClusterCostAllocation",
            summary = "The cluster's cost in the shape of OpenCost's /allocation API, for existing dashboards",
            description = "The same report as getClusterCost (same parameters but format), with OpenCost's names "
                    + "and units. " + CostApiDocs.VIEWER)
    @APIResponse(responseCode = "200", description = "The report, OpenCost-shaped", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AllocationResponse.class),
            examples = @ExampleObject(name = "by namespace", value = ALLOCATION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = CostApiDocs.BAD_REPORT, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "bad window and aggregate", value = CostApiDocs.BAD_REPORT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = CostApiDocs.CLUSTER_NOT_FOUND, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "unknown or invisible", value = CostApiDocs.CLUSTER_NOT_FOUND_EXAMPLE)))
    public Uni<AllocationResponse> allocation(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id,
            @Parameter(description = CostApiDocs.WINDOW, example = "7d", schema = @Schema(type = SchemaType.STRING,
                    pattern = CostApiDocs.WINDOW_PATTERN)) @QueryParam("window") String window,
            @Parameter(description = CostApiDocs.FROM, example = "2026-03-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = CostApiDocs.TO, example = "2026-03-02T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = CostApiDocs.CLUSTER_AGGREGATE, example = "namespace",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "namespace"))
            @QueryParam("aggregate") String aggregate,
            @Parameter(description = CostApiDocs.STEP, schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"hour", "day"})) @QueryParam("step") String step) {
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.NAMESPACE);
        return reports.cluster(caller.get(), id, spec).map(report -> OpenCostAllocation.of(report, id));
    }

    @GET
    @Path("/rates")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getClusterRates",
            summary = "The rates in force for the cluster, where each comes from, and each node's hourly cost",
            description = "Each rate with its source (cluster override, project override, rate card, installation "
                    + "default); the nodes are those of the cluster's last inventory. " + CostApiDocs.VIEWER)
    @APIResponse(responseCode = "200", description = "The rates in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterRatesView.class),
            examples = @ExampleObject(name = "overridden", value = RATES_EXAMPLE)))
    @APIResponse(responseCode = "404", description = CostApiDocs.CLUSTER_NOT_FOUND, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "unknown or invisible", value = CostApiDocs.CLUSTER_NOT_FOUND_EXAMPLE)))
    public Uni<ClusterRatesView> rates(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id) {
        return rates.pricing(caller.get(), id).map(this::view);
    }

    private ClusterRatesView view(ClusterPricing cluster) {
        ClusterRates rates = cluster.rates();
        Map<String, RateView> unit = new LinkedHashMap<>();
        unit.put("cpuCoreHour", RateView.of(rates.cpuCoreHour()));
        unit.put("memoryGibHour", RateView.of(rates.memoryGibHour()));
        unit.put("gpuHour", RateView.of(rates.gpuHour()));
        unit.put("storageGibMonth", RateView.of(rates.storageGibMonth()));
        Map<String, RateView> prices = new TreeMap<>();
        rates.instancePriceOverrides().forEach((type, rate) -> prices.put(type, RateView.of(rate)));
        RateCard card = this.rates.card();
        CardUseView cardUse = new CardUseView(card.source(), card.asOf(), card.currency(),
                rates.cardUnusableReason().isEmpty(), rates.cardUnusableReason().orElse(null));
        List<NodeRateView> nodes = cluster.nodes().stream()
                .map(rate -> new NodeRateView(rate.node(), rate.instanceType(), rate.region(), rate.basis(),
                        rate.hourly(), rate.computeHourly(), rate.gpuHourly(), RateView.of(rate.instancePrice()),
                        rate.reason()))
                .toList();
        return new ClusterRatesView(cluster.clusterId(), cluster.clusterName(), cluster.project(), cluster.cloudType(),
                cluster.deleted(), rates.currency(), settings.weight().toString(), unit, prices, cardUse, nodes);
    }
}
