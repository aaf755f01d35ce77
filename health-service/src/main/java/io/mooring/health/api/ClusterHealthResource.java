package io.mooring.health.api;

import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.service.ClusterHealthService;
import io.mooring.health.service.EventStreamHub;
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

    private final ClusterHealthService clusters;
    private final EventStreamHub streams;
    private final HealthConfig config;
    private final JsonWebToken token;

    public ClusterHealthResource(ClusterHealthService clusters, EventStreamHub streams, HealthConfig config,
            JsonWebToken token) {
        this.clusters = clusters;
        this.streams = streams;
        this.config = config;
        this.token = token;
    }

    @GET
    @Path("/health")
    @Operation(summary = "Connectivity, overall health and every check result")
    public Uni<ResponseBodies.ClusterHealthView> health(@PathParam("id") UUID id) {
        return clusters.health(id).map(ResponseBodies.ClusterHealthView::of);
    }

    @GET
    @Path("/health/history")
    @Operation(summary = "Connectivity and health transitions, and the agent's re-registrations and identity"
            + " conflicts (kind agent), newest first")
    public Uni<ResponseBodies.HistoryPage> history(@PathParam("id") UUID id,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") String cursor) {
        return clusters.history(id, cursor, limit).map(ResponseBodies.HistoryPage::of);
    }

    @GET
    @Path("/events")
    @Operation(summary = "The deduplicated event log, newest first, filtered and paginated with a cursor")
    public Uni<ResponseBodies.EventPage> events(@PathParam("id") UUID id,
            @QueryParam("type") String type, @QueryParam("reason") String reason,
            @QueryParam("namespace") String namespace, @QueryParam("objectKind") String objectKind,
            @QueryParam("objectName") String objectName, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") String cursor) {
        EventFilter filter = EventFilter.fromQuery(type, reason, namespace, objectKind, objectName, from, to);
        return clusters.events(id, filter, cursor, limit).map(ResponseBodies.EventPage::of);
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
        clusters.requireVisibleNow(id);
        OutboundSseEvent ready = sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.class, Map.of("clusterId", id.toString())).build();
        Multi<OutboundSseEvent> entries = streams.watch(id, filter).map(stored -> sse.newEventBuilder()
                .name("event").id(stored.id().toString()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ResponseBodies.EventView.class, ResponseBodies.EventView.of(stored)).build());
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
    public Uni<ResponseBodies.InventoryView> inventory(@PathParam("id") UUID id) {
        return clusters.inventory(id).map(latest -> {
            if (latest == null) {
                throw ProblemException.notFound("The agent of this cluster has not reported an inventory yet");
            }
            return ResponseBodies.InventoryView.of(id, latest);
        });
    }
}
