package io.mooring.health.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.EventRepository;
import io.mooring.health.service.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API answers. */
public final class Views {

    private Views() {
    }

    /** A cluster's current connectivity and health with every check result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterHealthView(UUID clusterId, String project, String name, String cloudType, String importMode,
            String connectivity, Instant connectivitySince, String health, Instant healthSince,
            Instant firstHeartbeat, Instant lastHeartbeat, String agentVersion, Instant evaluatedAt,
            List<Json.Check> checks) {

        static ClusterHealthView of(ClusterRow row, List<Json.Check> checks) {
            return new ClusterHealthView(row.clusterId(), row.project(), row.name(), row.cloudType(), row.importMode(),
                    row.connectivity().displayName(), row.connectivitySince(),
                    row.health() == null ? "Unknown" : row.health().displayName(), row.healthSince(),
                    row.firstHeartbeat(), row.lastHeartbeat(), row.agentVersion(), row.evaluatedAt(), checks);
        }
    }

    /** One transition: kind is connectivity or health; reasons are the failing or warning checks (health only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransitionView(String kind, String previous, String current, String connectivity,
            List<Json.Check> reasons, String summary, Instant at) {
    }

    public record HistoryPage(List<TransitionView> items, String nextCursor) {
    }

    /** One deduplicated line of the event log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(UUID id, String type, String reason, String message, String namespace,
            String objectKind, String objectName, String source, long count, Instant firstSeen, Instant lastSeen) {

        static EventView of(EventRepository.Stored s) {
            var e = s.entry();
            return new EventView(s.id(), e.type(), e.key().reason(), e.message(),
                    e.key().namespace().isEmpty() ? null : e.key().namespace(), e.key().objectKind(),
                    e.key().objectName(), e.source(), e.count(), e.firstSeen(), e.lastSeen());
        }
    }

    public record EventPage(List<EventView> items, String nextCursor) {
    }

    /** The latest inventory, as far as the UI needs it: nodes and namespaces. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InventoryView(UUID clusterId, UUID reportId, Instant observedAt, Instant receivedAt,
            String kubernetesVersion, String detectedProvider, String detectedPlatform, boolean metricsAvailable,
            PodCounts pods, List<Node> nodes, List<Namespace> namespaces) {
    }

    /** A cluster in the fleet view. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FleetCluster(UUID clusterId, String project, String name, String connectivity, String health,
            Instant since, Instant lastHeartbeat, List<Json.Check> reasons) {
    }

    public record FleetView(long total, Map<String, Long> byConnectivity, Map<String, Long> byHealth,
            List<FleetCluster> needsAttention) {
    }

    /** Answers to agents. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeartbeatAck(UUID clusterId, String connectivity, String health, boolean duplicate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InventoryAck(UUID clusterId, boolean accepted, String detail, String health) {
    }

    public record EventsAck(UUID clusterId, int accepted, int entries, boolean duplicate) {
    }
}
