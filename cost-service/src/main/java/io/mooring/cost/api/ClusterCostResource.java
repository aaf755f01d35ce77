package io.mooring.cost.api;

import io.mooring.cost.api.RateViews.CardUseView;
import io.mooring.cost.api.RateViews.ClusterRatesView;
import io.mooring.cost.api.RateViews.NodeRateView;
import io.mooring.cost.api.RateViews.RateView;
import io.mooring.cost.domain.AccrualSettings;
import io.mooring.cost.domain.ClusterRates;
import io.mooring.cost.domain.NodeRate;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.NodeSpec;
import io.mooring.cost.service.Aggregate;
import io.mooring.cost.service.RatesService;
import io.mooring.cost.service.ReportService;
import io.mooring.cost.service.ReportSpec;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One cluster's cost and the rates it is priced at; for viewers of its project. */
@Path("/api/v1/clusters/{id}")
@Tag(name = "Cost")
public class ClusterCostResource {

    private static final TypeReference<List<NodeSpec>> NODES = new TypeReference<>() {
    };

    private final ReportService reports;
    private final RatesService rates;
    private final CurrentCaller caller;
    private final AccrualSettings settings;
    private final ObjectMapper json;

    public ClusterCostResource(ReportService reports, RatesService rates, CurrentCaller caller,
            AccrualSettings settings, ObjectMapper json) {
        this.reports = reports;
        this.rates = rates;
        this.caller = caller;
        this.settings = settings;
        this.json = json;
    }

    @GET
    @Path("/cost")
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, Formats.CSV})
    @Operation(summary = "The cluster's cost over a window, by namespace (default), node, workload, label:<key>, "
            + "cluster, project or provider, optionally by hour or day; JSON, or CSV with Accept: text/csv")
    public Uni<Response> cost(@PathParam("id") UUID id, @QueryParam("window") String window,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("aggregate") String aggregate, @QueryParam("step") String step,
            @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = Formats.wantsCsv(format, accept);
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.NAMESPACE);
        return reports.cluster(caller.get(), id, spec).map(report -> Formats.respond(report, spec.aggregate(), csv));
    }

    @GET
    @Path("/cost/allocation")
    @RolesAllowed(Roles.VIEWER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The cluster's cost in the shape of OpenCost's /allocation API, for existing dashboards")
    public Uni<Map<String, Object>> allocation(@PathParam("id") UUID id, @QueryParam("window") String window,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("aggregate") String aggregate, @QueryParam("step") String step) {
        ReportSpec spec = reports.spec(window, from, to, aggregate, step, Aggregate.NAMESPACE);
        return reports.cluster(caller.get(), id, spec).map(report -> Allocation.of(report, id));
    }

    @GET
    @Path("/rates")
    @RolesAllowed(Roles.VIEWER)
    @WithSession
    @Operation(summary = "The rates in force for the cluster, where each comes from, and each node's hourly cost")
    public Uni<ClusterRatesView> rates(@PathParam("id") UUID id) {
        return reports.visibleCluster(caller.get(), id).flatMap(visible -> Panache.getSession().flatMap(session ->
                session.find(ClusterRecord.class, id).flatMap(cluster ->
                        rates.ratesFor(session, cluster).map(clusterRates -> view(cluster, clusterRates)))));
    }

    private ClusterRatesView view(ClusterRecord cluster, ClusterRates rates) {
        Map<String, RateView> unit = new LinkedHashMap<>();
        unit.put("cpuCoreHour", RateView.of(rates.cpuCoreHour()));
        unit.put("memoryGibHour", RateView.of(rates.memoryGibHour()));
        unit.put("gpuHour", RateView.of(rates.gpuHour()));
        unit.put("storageGibMonth", RateView.of(rates.storageGibMonth()));
        Map<String, RateView> prices = new TreeMap<>();
        rates.instancePriceOverrides().forEach((type, rate) -> prices.put(type, RateView.of(rate)));
        var card = this.rates.card();
        CardUseView cardUse = new CardUseView(card.source(), card.asOf(), card.currency(),
                rates.cardUnusableReason().isEmpty(), rates.cardUnusableReason().orElse(null));
        List<NodeRateView> nodes = nodes(cluster).stream().map(node -> {
            NodeRate rate = rates.nodeRate(node.toNode());
            return new NodeRateView(rate.node(), rate.instanceType(), rate.region(), rate.basis(), rate.hourly(),
                    rate.computeHourly(), rate.gpuHourly(), RateView.of(rate.instancePrice()), rate.reason());
        }).toList();
        return new ClusterRatesView(cluster.id, cluster.name, cluster.project, cluster.cloudType, cluster.deleted(),
                rates.currency(), settings.weight().toString(), unit, prices, cardUse, nodes);
    }

    private List<NodeSpec> nodes(ClusterRecord cluster) {
        if (cluster.lastNodes == null || cluster.lastNodes.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(cluster.lastNodes, NODES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
