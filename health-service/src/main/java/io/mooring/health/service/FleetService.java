package io.mooring.health.service;

import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.FleetRepository;
import io.mooring.support.security.Caller;
import io.mooring.support.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fleet at a glance, limited to the caller's projects (admins see every project). */
@ApplicationScoped
public class FleetService {

    /** Counts by connectivity and by health (every value present, zero included), and the clusters to look at. */
    public record Fleet(long total, Map<String, Long> byConnectivity, Map<String, Long> byHealth,
            List<NeedsAttention> needsAttention) {
    }

    /**
     * A cluster that is Unhealthy, Disconnected or Degraded; {@code health} is null before the first assessment,
     * {@code since} is when it entered that state, {@code reasons} the checks that did not pass.
     */
    public record NeedsAttention(UUID clusterId, String project, String name, Connectivity connectivity,
            HealthStatus health, Instant since, Instant lastHeartbeat, List<StoredJson.Check> reasons) {
    }

    private final FleetRepository fleet;
    private final CurrentCaller caller;
    private final StoredJson json;

    public FleetService(FleetRepository fleet, CurrentCaller caller, StoredJson json) {
        this.fleet = fleet;
        this.caller = caller;
        this.json = json;
    }

    /** The fleet of {@code project}, or of every project the caller sees when it is null or blank. */
    public Uni<Fleet> fleet(String project, int limit) {
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
            return new Fleet(total, byConnectivity, byHealth, rows.stream().map(this::attention).toList());
        }));
    }

    private NeedsAttention attention(ClusterRow row) {
        var reasons = json.readChecks(row.checks()).stream().filter(c -> !"pass".equals(c.status())).toList();
        return new NeedsAttention(row.clusterId(), row.project(), row.name(), row.connectivity(), row.health(),
                row.healthSince() != null ? row.healthSince() : row.connectivitySince(), row.lastHeartbeat(), reasons);
    }

    private static Map<String, Long> zeroes(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
