package io.mooring.health.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.domain.StoredEntry;
import io.mooring.health.service.ClusterHealthService.ClusterHealth;
import io.mooring.health.service.ClusterHealthService.History;
import io.mooring.health.service.ClusterHealthService.Transition;
import io.mooring.health.service.EventLogService;
import io.mooring.health.service.FleetService.Fleet;
import io.mooring.health.service.FleetService.NeedsAttention;
import io.mooring.health.service.FleetService.Row;
import io.mooring.health.service.FleetService.Rows;
import io.mooring.health.service.InventoryService.LatestInventory;
import io.mooring.health.service.StoredJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The response bodies of the API, to users and to agents, mapped from what the services return. */
public final class ResponseBodies {

    private ResponseBodies() {
    }

    /** A cluster not assessed yet is Unknown. */
    private static String healthName(HealthStatus health) {
        return health == null ? "Unknown" : health.displayName();
    }

    /** A cluster's current connectivity and health with every check result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterHealthView(@Schema(required = true) UUID clusterId, String project, String name,
            String cloudType, String importMode,
            @Schema(required = true, enumeration = {"Pending", "Connected", "Disconnected"}) String connectivity,
            Instant connectivitySince,
            @Schema(required = true, enumeration = {"Healthy", "Degraded", "Unhealthy", "Unknown"}) String health,
            Instant healthSince,
            Instant firstHeartbeat, Instant lastHeartbeat, String agentVersion, Instant evaluatedAt,
            List<StoredJson.Check> checks) {

        static ClusterHealthView of(ClusterHealth h) {
            return new ClusterHealthView(h.clusterId(), h.project(), h.name(), h.cloudType(), h.importMode(),
                    h.connectivity().displayName(), h.connectivitySince(), healthName(h.health()), h.healthSince(),
                    h.firstHeartbeat(), h.lastHeartbeat(), h.agentVersion(), h.evaluatedAt(), h.checks());
        }
    }

    /** One transition: kind is connectivity or health; reasons are the failing or warning checks (health only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransitionView(
            @Schema(required = true, enumeration = {"connectivity", "health", "agent"}) String kind,
            String previous, @Schema(required = true) String current, String connectivity,
            List<StoredJson.Check> reasons, String summary, @Schema(required = true) Instant at) {

        static TransitionView of(Transition t) {
            return new TransitionView(t.kind(), t.previous(), t.current(), t.connectivity(), t.reasons(), t.summary(),
                    t.at());
        }
    }

    /** nextCursor is absent on the last page. */
    public record HistoryPage(@Schema(required = true) List<TransitionView> items, String nextCursor) {

        static HistoryPage of(History history) {
            return new HistoryPage(history.items().stream().map(TransitionView::of).toList(), history.nextCursor());
        }
    }

    /** One deduplicated line of the event log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(@Schema(required = true) UUID id,
            @Schema(required = true, enumeration = {"Normal", "Warning"}) String type,
            @Schema(required = true) String reason, String message, String namespace,
            @Schema(required = true) String objectKind, @Schema(required = true) String objectName, String source,
            @Schema(required = true) long count, Instant firstSeen, Instant lastSeen) {

        static EventView of(StoredEntry s) {
            var e = s.entry();
            return new EventView(s.id(), e.type(), e.key().reason(), e.message(),
                    e.key().namespace().isEmpty() ? null : e.key().namespace(), e.key().objectKind(),
                    e.key().objectName(), e.source(), e.count(), e.firstSeen(), e.lastSeen());
        }
    }

    /** nextCursor is absent on the last page. */
    public record EventPage(@Schema(required = true) List<EventView> items, String nextCursor) {

        static EventPage of(EventLogService.Page page) {
            return new EventPage(page.items().stream().map(EventView::of).toList(), page.nextCursor());
        }
    }

    /** The latest inventory, as far as the UI needs it: nodes and namespaces. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InventoryView(@Schema(required = true) UUID clusterId, @Schema(required = true) UUID reportId,
            @Schema(required = true) Instant observedAt, @Schema(required = true) Instant receivedAt,
            String kubernetesVersion, String detectedProvider, String detectedPlatform, boolean metricsAvailable,
            PodCounts pods, @Schema(required = true) List<Node> nodes,
            @Schema(required = true) List<Namespace> namespaces) {

        static InventoryView of(UUID clusterId, LatestInventory latest) {
            Inventory inv = latest.inventory();
            return new InventoryView(clusterId, latest.reportId(), latest.observedAt(), latest.receivedAt(),
                    inv.kubernetesVersion(), inv.detectedProvider(), inv.detectedPlatform(), inv.metricsAvailable(),
                    inv.pods(), inv.nodes() == null ? List.of() : inv.nodes(),
                    inv.namespaces() == null ? List.of() : inv.namespaces());
        }
    }

    /** A cluster in the fleet view. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FleetCluster(@Schema(required = true) UUID clusterId, String project, String name,
            @Schema(required = true, enumeration = {"Pending", "Connected", "Disconnected"}) String connectivity,
            @Schema(required = true, enumeration = {"Healthy", "Degraded", "Unhealthy", "Unknown"}) String health,
            Instant since, Instant lastHeartbeat, List<StoredJson.Check> reasons) {

        static FleetCluster of(NeedsAttention c) {
            return new FleetCluster(c.clusterId(), c.project(), c.name(), c.connectivity().displayName(),
                    healthName(c.health()), c.since(), c.lastHeartbeat(), c.reasons());
        }
    }

    public record FleetView(@Schema(required = true) long total,
            @Schema(required = true, description = "Clusters per connectivity: Pending, Connected and Disconnected,"
                    + " each present") Map<String, Long> byConnectivity,
            @Schema(required = true, description = "Clusters per health: Healthy, Degraded, Unhealthy and Unknown,"
                    + " each present") Map<String, Long> byHealth,
            @Schema(required = true) List<FleetCluster> needsAttention) {

        static FleetView of(Fleet fleet) {
            return new FleetView(fleet.total(), fleet.byConnectivity(), fleet.byHealth(),
                    fleet.needsAttention().stream().map(FleetCluster::of).toList());
        }
    }

    /** A cluster of a page of the fleet: its state and its event rate over the last day. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FleetRow(@Schema(required = true) UUID clusterId, String project, String name,
            @Schema(required = true, enumeration = {"Pending", "Connected", "Disconnected"}) String connectivity,
            @Schema(required = true, enumeration = {"Healthy", "Degraded", "Unhealthy", "Unknown"}) String health,
            @Schema(description = "When the cluster entered its health (its connectivity before the first"
                    + " assessment)") Instant since,
            @Schema(description = "Absent before the first heartbeat") Instant lastHeartbeat,
            @Schema(required = true, description = "Event-log entries happening in each hour from the page's from to"
                    + " its to, oldest first (24 counts): an entry counts in every hour between its firstSeen and"
                    + " its lastSeen, as listClusterEvents with from and to set to the hour would list it")
            List<Long> eventsPerHour) {

        static FleetRow of(Row r) {
            return new FleetRow(r.clusterId(), r.project(), r.name(), r.connectivity().displayName(),
                    healthName(r.health()), r.since(), r.lastHeartbeat(), r.eventsPerHour());
        }
    }

    public record FleetRows(
            @Schema(required = true, description = "Start of the first hour of eventsPerHour") Instant from,
            @Schema(required = true, description = "End of the last hour of eventsPerHour (the end of the current"
                    + " hour)") Instant to,
            @Schema(required = true, description = "The clusters asked for that the caller may see, in the order"
                    + " asked") List<FleetRow> items) {

        static FleetRows of(Rows rows) {
            return new FleetRows(rows.from(), rows.to(), rows.rows().stream().map(FleetRow::of).toList());
        }
    }

    /** Answers to agents. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeartbeatAck(@Schema(required = true) UUID clusterId,
            @Schema(required = true, enumeration = {"Pending", "Connected", "Disconnected"}) String connectivity,
            @Schema(description = "Absent before the first inventory is judged",
                    enumeration = {"Healthy", "Degraded", "Unhealthy", "Unknown"}) String health,
            @Schema(required = true, description = "This reportId was received before; nothing changed")
            boolean duplicate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InventoryAck(@Schema(required = true) UUID clusterId,
            @Schema(required = true, description = "False for a resend or an inventory older than the stored one")
            boolean accepted,
            @Schema(description = "Why it was not accepted") String detail,
            @Schema(enumeration = {"Healthy", "Degraded", "Unhealthy", "Unknown"}) String health) {
    }

    public record EventsAck(@Schema(required = true) UUID clusterId,
            @Schema(required = true, description = "Events in the batch") int accepted,
            @Schema(required = true, description = "Event-log entries created or updated") int entries,
            @Schema(required = true, description = "This reportId was received before; nothing changed")
            boolean duplicate) {
    }
}
