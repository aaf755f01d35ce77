package io.mooring.health.api;

import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.FleetRepository;
import io.mooring.health.service.Json;
import io.mooring.support.security.Caller;
import io.mooring.support.security.CurrentCaller;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet at a glance, limited to the caller's projects (admins see every project). */
@Path("/api/v1/fleet/health")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet")
public class FleetResource {

    private final FleetRepository fleet;
    private final CurrentCaller caller;
    private final Json json;

    public FleetResource(FleetRepository fleet, CurrentCaller caller, Json json) {
        this.fleet = fleet;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Operation(summary = "Counts by connectivity and health, and the clusters that need attention")
    public Uni<Views.FleetView> fleet(@QueryParam("project") String project,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Caller who = caller.get();
        String[] projects;
        if (project != null && !project.isBlank()) {
            // A project the caller cannot see is simply empty, as a cluster of it would be "not found".
            projects = who.canSee(project) ? new String[] {project} : new String[0];
        } else {
            projects = who.isAdmin() ? null : who.projects().toArray(new String[0]);
        }
        return fleet.counts(projects).flatMap(counts -> fleet.needingAttention(projects, limit).map(rows -> {
            Map<String, Long> byConnectivity = zeroes(List.of("Pending", "Connected", "Disconnected"));
            Map<String, Long> byHealth = zeroes(List.of("Healthy", "Degraded", "Unhealthy", "Unknown"));
            long total = 0;
            for (FleetRepository.Count c : counts) {
                byConnectivity.merge(c.connectivity(), c.clusters(), Long::sum);
                byHealth.merge(c.health(), c.clusters(), Long::sum);
                total += c.clusters();
            }
            return new Views.FleetView(total, byConnectivity, byHealth,
                    rows.stream().map(this::attention).toList());
        }));
    }

    private Views.FleetCluster attention(ClusterRow row) {
        var reasons = json.readChecks(row.checks()).stream().filter(c -> !"pass".equals(c.status())).toList();
        return new Views.FleetCluster(row.clusterId(), row.project(), row.name(), row.connectivity().displayName(),
                row.health() == null ? "Unknown" : row.health().displayName(),
                row.healthSince() != null ? row.healthSince() : row.connectivitySince(), row.lastHeartbeat(), reasons);
    }

    private static Map<String, Long> zeroes(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }

}
