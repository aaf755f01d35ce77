package io.mooring.health.api;

import io.mooring.health.domain.EventFilter;
import io.mooring.health.repository.HistoryRepository;
import io.mooring.health.service.ClusterAccess;
import io.mooring.health.service.EventLogService;
import io.mooring.health.service.EventStreamHub;
import io.mooring.health.service.InventoryService;
import io.mooring.health.service.Json;
import io.mooring.health.config.HealthConfig;
import io.mooring.support.api.PageCursors;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A cluster's health, history, event log and inventory, for users who may see its project. */
@Path("/api/v1/clusters/{id}")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster health")
public class ClusterHealthResource {

    private static final String HISTORY_CURSOR_SCOPE = "health-history|";

    private final ClusterAccess access;
    private final PageCursors cursors;
    private final HistoryRepository history;
    private final EventLogService events;
    private final EventStreamHub streams;
    private final InventoryService inventory;
    private final Json json;
    private final HealthConfig config;
    private final JsonWebToken token;

    public ClusterHealthResource(ClusterAccess access, HistoryRepository history, EventLogService events,
            EventStreamHub streams, InventoryService inventory, Json json, HealthConfig config, PageCursors cursors,
            JsonWebToken token) {
        this.access = access;
        this.cursors = cursors;
        this.history = history;
        this.events = events;
        this.streams = streams;
        this.inventory = inventory;
        this.json = json;
        this.config = config;
        this.token = token;
    }

    @GET
    @Path("/health")
    @Operation(summary = "Connectivity, overall health and every check result")
    public Uni<Views.ClusterHealthView> health(@PathParam("id") UUID id) {
        return access.visible(id).map(row -> Views.ClusterHealthView.of(row, json.readChecks(row.checks())));
    }

    @GET
    @Path("/health/history")
    @Operation(summary = "Connectivity and health transitions, and the agent's re-registrations and identity"
            + " conflicts (kind agent), newest first")
    public Uni<Views.HistoryPage> history(@PathParam("id") UUID id,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") String cursor) {
        Long before = decodeHistoryCursor(cursors, id, cursor);
        return access.visible(id).flatMap(row -> history.page(id, before, limit + 1)).map(entries -> {
            boolean more = entries.size() > limit;
            List<HistoryRepository.Entry> page = more ? entries.subList(0, limit) : entries;
            List<Views.TransitionView> items = page.stream().map(e -> new Views.TransitionView(e.kind(), e.previous(),
                    e.current(), e.connectivity(), HistoryRepository.HEALTH.equals(e.kind())
                            ? json.readChecks(e.reasons()) : null,
                    e.summary(), e.at())).toList();
            return new Views.HistoryPage(items, more ? encodeHistoryCursor(cursors, id, page.get(page.size() - 1).seq()) : null);
        });
    }

    @GET
    @Path("/events")
    @Operation(summary = "The deduplicated event log, newest first, filtered and paginated with a cursor")
    public Uni<Views.EventPage> events(@PathParam("id") UUID id,
            @QueryParam("type") String type, @QueryParam("reason") String reason,
            @QueryParam("namespace") String namespace, @QueryParam("objectKind") String objectKind,
            @QueryParam("objectName") String objectName, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") String cursor) {
        EventFilter filter = EventFilter.fromQuery(type, reason, namespace, objectKind, objectName, from, to);
        return access.visible(id)
                .flatMap(row -> events.page(id, filter, cursor, limit))
                .map(page -> new Views.EventPage(page.items().stream().map(Views.EventView::of).toList(),
                        page.nextCursor()));
    }

    /**
     * Server-sent events: first {@code ready}, then an {@code event} for each new or updated entry matching the
     * filters, from whichever instance took it. Access is checked before the stream starts (a 404 is a 404).
     * A caller holds at most {@code max-streams-per-caller} streams (the next is a 429), and a stream ends when
     * the token that opened it expires: access is only ever checked at the start, so it must not outlive the
     * token. Each event carries its entry id, and the client reconnects with a fresh token and pages the log
     * for what it missed.
     */
    @GET
    @Path("/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "New and updated event-log entries, live (text/event-stream)")
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id,
            @QueryParam("type") String type, @QueryParam("reason") String reason,
            @QueryParam("namespace") String namespace, @QueryParam("objectKind") String objectKind,
            @QueryParam("objectName") String objectName, @Context Sse sse) {
        EventFilter filter = EventFilter.fromQuery(type, reason, namespace, objectKind, objectName, null, null);
        access.visibleNow(id);
        OutboundSseEvent ready = sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.class, Map.of("clusterId", id.toString())).build();
        Multi<OutboundSseEvent> entries = streams.watch(id, filter).map(stored -> sse.newEventBuilder()
                .name("event").id(stored.id().toString()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Views.EventView.class, Views.EventView.of(stored)).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.events().streamKeepAlive())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Multi<OutboundSseEvent> stream = Multi.createBy().concatenating().streams(Multi.createFrom().item(ready),
                Multi.createBy().merging().streams(entries, keepAlive));
        // The token's expiry is real time, as the token verifier sees it (tests move the service's clock).
        Duration left = Duration.ofMillis(Math.max(1,
                Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime())).toMillis()));
        Runnable release = streams.claimStream(token.getSubject() == null ? token.getName() : token.getSubject());
        return stream.select().first(left).onTermination().invoke(release);
    }

    @GET
    @Path("/inventory")
    @Operation(summary = "The latest inventory: nodes and namespaces")
    public Uni<Views.InventoryView> inventory(@PathParam("id") UUID id) {
        return access.visible(id).flatMap(row -> inventory.latest(id)).map(stored -> {
            if (stored == null) {
                throw ProblemException.notFound("The agent of this cluster has not reported an inventory yet");
            }
            var inv = json.readInventory(stored.json());
            return new Views.InventoryView(id, stored.reportId(), stored.observedAt(), stored.receivedAt(),
                    inv.kubernetesVersion(), inv.detectedProvider(), inv.detectedPlatform(), inv.metricsAvailable(),
                    inv.pods(), inv.nodes() == null ? List.of() : inv.nodes(),
                    inv.namespaces() == null ? List.of() : inv.namespaces());
        });
    }

    static String encodeHistoryCursor(PageCursors cursors, UUID clusterId, long seq) {
        return cursors.encode(HISTORY_CURSOR_SCOPE + clusterId, Long.toString(seq));
    }

    static Long decodeHistoryCursor(PageCursors cursors, UUID clusterId, String cursor) {
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
