package io.mooring.health.service;

import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.repository.HistoryRepository;
import io.mooring.support.api.PageCursors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a user reads about one cluster (health, history, event log, inventory), each only for a caller who may
 * see the cluster's project: an unknown and an invisible cluster are both "not found" ({@link ClusterAccess}).
 */
@ApplicationScoped
public class ClusterHealthService {

    private static final String HISTORY_CURSOR_SCOPE = "health-history|";

    /** A cluster's connectivity and health; {@code health} is null before the first assessment. */
    public record ClusterHealth(UUID clusterId, String project, String name, String cloudType, String importMode,
            Connectivity connectivity, Instant connectivitySince, HealthStatus health, Instant healthSince,
            Instant firstHeartbeat, Instant lastHeartbeat, String agentVersion, Instant evaluatedAt,
            List<StoredJson.Check> checks) {
    }

    /** One history entry; {@code reasons} only for kind health. */
    public record Transition(String kind, String previous, String current, String connectivity,
            List<StoredJson.Check> reasons, String summary, Instant at) {
    }

    /** One page of history, newest first; {@code nextCursor} is null on the last page. */
    public record History(List<Transition> items, String nextCursor) {
    }

    private final ClusterAccess access;
    private final HistoryRepository history;
    private final EventLogService events;
    private final InventoryService inventory;
    private final PageCursors cursors;
    private final StoredJson json;

    public ClusterHealthService(ClusterAccess access, HistoryRepository history, EventLogService events,
            InventoryService inventory, PageCursors cursors, StoredJson json) {
        this.access = access;
        this.history = history;
        this.events = events;
        this.inventory = inventory;
        this.cursors = cursors;
        this.json = json;
    }

    public Uni<ClusterHealth> health(UUID clusterId) {
        return access.visible(clusterId).map(row -> new ClusterHealth(row.clusterId(), row.project(), row.name(),
                row.cloudType(), row.importMode(), row.connectivity(), row.connectivitySince(), row.health(),
                row.healthSince(), row.firstHeartbeat(), row.lastHeartbeat(), row.agentVersion(), row.evaluatedAt(),
                json.readChecks(row.checks())));
    }

    /** A page of history; the cursor is checked before the cluster, as a malformed query is the caller's error. */
    public Uni<History> history(UUID clusterId, String cursor, int limit) {
        Long before = decodeHistoryCursor(clusterId, cursor);
        return access.visible(clusterId).flatMap(row -> history.page(clusterId, before, limit + 1)).map(entries -> {
            boolean more = entries.size() > limit;
            List<HistoryRepository.Entry> page = more ? entries.subList(0, limit) : entries;
            List<Transition> items = page.stream().map(e -> new Transition(e.kind(), e.previous(), e.current(),
                    e.connectivity(), HistoryRepository.HEALTH.equals(e.kind()) ? json.readChecks(e.reasons()) : null,
                    e.summary(), e.at())).toList();
            return new History(items, more ? encodeHistoryCursor(clusterId, page.get(page.size() - 1).seq()) : null);
        });
    }

    public Uni<EventLogService.Page> events(UUID clusterId, EventFilter filter, String cursor, int limit) {
        return access.visible(clusterId).flatMap(row -> events.page(clusterId, filter, cursor, limit));
    }

    /** The latest inventory, null when the cluster's agent has not reported one yet. */
    public Uni<InventoryService.LatestInventory> inventory(UUID clusterId) {
        return access.visible(clusterId).flatMap(row -> inventory.latest(clusterId));
    }

    /** For a worker thread that must refuse before it starts streaming; fails as {@link #health} would. */
    public void requireVisibleNow(UUID clusterId) {
        access.visibleNow(clusterId);
    }

    private String encodeHistoryCursor(UUID clusterId, long seq) {
        return cursors.encode(HISTORY_CURSOR_SCOPE + clusterId, Long.toString(seq));
    }

    private Long decodeHistoryCursor(UUID clusterId, String cursor) {
        List<String> position = cursors.decode(HISTORY_CURSOR_SCOPE + clusterId, cursor, 1);
        if (position == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(position.get(0));
            if (seq > 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw PageCursors.invalid();
    }
}
