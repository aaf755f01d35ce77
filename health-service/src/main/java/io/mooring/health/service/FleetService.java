package io.mooring.health.service;

import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.FleetRepository;
import io.mooring.support.security.Caller;
import io.mooring.support.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
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

    /** Hours in a row's event-rate series: the last day. */
    public static final int RATE_HOURS = 24;

    /**
     * The health of a page of clusters: each row's state and its event rate, the hourly counts from {@code from}
     * (whole UTC hours, the last one the current hour) to {@code to}.
     */
    public record Rows(Instant from, Instant to, List<Row> rows) {
    }

    /** One cluster of a page; {@code eventsPerHour} has {@link #RATE_HOURS} counts, oldest first. */
    public record Row(UUID clusterId, String project, String name, Connectivity connectivity, HealthStatus health,
            Instant since, Instant lastHeartbeat, List<Long> eventsPerHour) {
    }

    private final FleetRepository fleet;
    private final CurrentCaller caller;
    private final StoredJson json;
    private final Clock clock;

    public FleetService(FleetRepository fleet, CurrentCaller caller, StoredJson json, Clock clock) {
        this.fleet = fleet;
        this.caller = caller;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The rows of {@code ids} (in that order) that the caller may see; the others are absent, as a cluster of
     * another project is "not found" everywhere else. Two statements whatever the number of ids.
     */
    public Uni<Rows> rows(List<UUID> ids) {
        Caller who = caller.get();
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(RATE_HOURS, ChronoUnit.HOURS);
        String[] projects = who.isAdmin() ? null : who.projects().toArray(new String[0]);
        if (projects != null && projects.length == 0) {
            return Uni.createFrom().item(new Rows(from, to, List.of()));
        }
        UUID[] wanted = ids.toArray(new UUID[0]);
        return fleet.clusters(wanted, projects).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Rows(from, to, List.of()));
            }
            // Only the visible clusters' entries are read: the rates never tell of a cluster the caller cannot see.
            UUID[] visible = found.stream().map(ClusterRow::clusterId).toArray(UUID[]::new);
            return fleet.eventRates(visible, from, RATE_HOURS).map(rates -> {
                Map<UUID, ClusterRow> byId = new LinkedHashMap<>();
                found.forEach(r -> byId.put(r.clusterId(), r));
                List<Row> rows = ids.stream().map(byId::get).filter(Objects::nonNull).map(r -> {
                    long[] counts = rates.getOrDefault(r.clusterId(), new long[RATE_HOURS]);
                    return new Row(r.clusterId(), r.project(), r.name(), r.connectivity(), r.health(), since(r),
                            r.lastHeartbeat(), Arrays.stream(counts).boxed().toList());
                }).toList();
                return new Rows(from, to, rows);
            });
        });
    }

    private static Instant since(ClusterRow row) {
        return row.healthSince() != null ? row.healthSince() : row.connectivitySince();
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
                since(row), row.lastHeartbeat(), reasons);
    }

    private static Map<String, Long> zeroes(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
