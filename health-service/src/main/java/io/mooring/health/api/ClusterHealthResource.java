package io.mooring.health.api;

import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.service.ClusterGone;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A cluster's health, history, event log and inventory, for users who may see its project. */
@Path("/api/v1/clusters/{id}")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cluster health", description = "One cluster as health-service sees it: connectivity, health and every"
        + " check result, their history, the deduplicated Kubernetes event log (paged or live) and the latest"
        + " inventory."
        + " For users who may see the cluster's project.")
@SecurityRequirement(name = "jwt", scopes = Roles.VIEWER)
@APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND_CLUSTER,
        content = @Content(mediaType = ApiDocs.PROBLEM,
        schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "not found",
                value = ApiDocs.NOT_FOUND_EXAMPLE)))
public class ClusterHealthResource {

    static final String HEALTH_EXAMPLE = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "project": "payments", "name": "prod-eu-1",
             "cloudType": "eks", "importMode": "read-only", "connectivity": "Connected",
             "connectivitySince": "2026-12-01T09:12:44Z", "health": "Degraded", "healthSince": "2026-12-03T13:58:02Z",
             "firstHeartbeat": "2026-12-01T09:12:44Z", "lastHeartbeat": "2026-12-03T14:20:31Z",
             "agentVersion": "1.4.2", "evaluatedAt": "2026-12-03T14:18:02Z",
             "checks": [{"name": "agent-connected", "status": "pass", "message": "Last heartbeat 12 s ago"},
                        {"name": "node-readiness", "status": "warn",
                         "message": "1 of 6 nodes not ready: ip-10-0-3-17"}]}""";
    static final String HISTORY_EXAMPLE = """
            {"items": [{"kind": "health", "previous": "Healthy", "current": "Degraded", "connectivity": "Connected",
                        "reasons": [{"name": "node-readiness", "status": "warn",
                                     "message": "1 of 6 nodes not ready: ip-10-0-3-17"}],
                        "at": "2026-12-03T13:58:02Z"},
                       {"kind": "connectivity", "previous": "Pending", "current": "Connected",
                        "at": "2026-12-01T09:12:44Z"}],
             "nextCursor": "eyJwIjpbIjQxIl19.c2lnbmF0dXJl"}""";
    static final String EVENTS_EXAMPLE = """
            {"items": [{"id": "0b7d9c1e-5f2a-4e8b-9c3d-7a1f2e4b6c80", "type": "Warning", "reason": "BackOff",
                        "message": "Back-off restarting failed container api in pod api-7d9f8c-x2k4q",
                        "namespace": "shop", "objectKind": "Pod", "objectName": "api-7d9f8c-x2k4q",
                        "source": "kubelet", "count": 17, "firstSeen": "2026-12-03T13:41:09Z",
                        "lastSeen": "2026-12-03T14:19:55Z"}]}""";
    static final String STREAM_EXAMPLE = """
            event: ready
            data: {"clusterId":"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11"}

            id: 0b7d9c1e-5f2a-4e8b-9c3d-7a1f2e4b6c80
            event: event
            data: {"id":"0b7d9c1e-5f2a-4e8b-9c3d-7a1f2e4b6c80","type":"Warning","reason":"BackOff","namespace":"shop",\
            "objectKind":"Pod","objectName":"api-7d9f8c-x2k4q","count":18,"firstSeen":"2026-12-03T13:41:09Z",\
            "lastSeen":"2026-12-03T14:21:02Z"}

            : keep-alive

            event: deleted
            data: {"clusterId":"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11"}
            """;
    static final String FULL_EXAMPLE = """
            {"type": "https://mooring.io/problems/service-unavailable", "title": "Service unavailable", "status": 503,
             "detail": "This instance holds 1000 live event streams already; retry shortly."}""";
    static final String STREAMS_EXAMPLE = """
            {"type": "https://mooring.io/problems/too-many-requests", "title": "Too many requests", "status": 429,
             "detail": "You have 5 live event streams open already; close one first."}""";
    static final String INVENTORY_EXAMPLE = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "reportId": "9a4e2b71-0c5d-4f3e-8a61-2b7c9d0e1f35",
             "observedAt": "2026-12-03T14:15:00Z", "receivedAt": "2026-12-03T14:15:02Z", "kubernetesVersion": "1.29.4",
             "detectedProvider": "aws", "detectedPlatform": "eks", "metricsAvailable": true,
             "pods": {"total": 48, "running": 46, "pending": 1, "succeeded": 0, "failed": 1, "unknown": 0,
                      "restarts": 23},
             "nodes": [{"name": "ip-10-0-3-17", "instanceType": "m6i.large", "region": "eu-west-1",
                        "zone": "eu-west-1a", "architecture": "amd64", "kubeletVersion": "v1.29.4",
                        "unschedulable": false, "createdAt": "2026-11-02T08:00:00Z"}],
             "namespaces": [{"name": "shop", "phase": "Active", "labels": {"team": "checkout"}, "pods": 12}]}""";

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
    @Operation(operationId = "getClusterHealth", summary = "A cluster's connectivity, health and check results",
            description = "Health is Unknown until the first inventory is judged. " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "The cluster's current state.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.ClusterHealthView.class),
            examples = @ExampleObject(name = "degraded", value = HEALTH_EXAMPLE)))
    public Uni<ResponseBodies.ClusterHealthView> health(
            @Parameter(description = "The cluster\'s id.", example = ApiDocs.CLUSTER_ID) @PathParam("id") UUID id) {
        return clusters.health(id).map(ResponseBodies.ClusterHealthView::of);
    }

    @GET
    @Path("/health/history")
    @Operation(operationId = "listClusterHealthHistory", summary = "A cluster's connectivity and health transitions",
            description = "Connectivity and health transitions, and the agent's re-registrations and identity"
                    + " conflicts (kind agent), newest first; page on with nextCursor. " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "One page, newest first; nextCursor is absent on the last page.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = ResponseBodies.HistoryPage.class),
            examples = @ExampleObject(name = "two transitions", value = HISTORY_EXAMPLE)))
    @APIResponse(responseCode = "400",
            description = "limit is outside 1..500, or cursor is not one this query returned.",
            content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid query",
                    value = ApiDocs.BAD_QUERY_EXAMPLE)))
    public Uni<ResponseBodies.HistoryPage> history(
            @Parameter(description = "The cluster\'s id.", example = ApiDocs.CLUSTER_ID) @PathParam("id") UUID id,
            @Parameter(description = "Items per page, 1 to 500.") @QueryParam("limit") @DefaultValue("50")
            @Min(1) @Max(500) int limit,
            @Parameter(description = "The nextCursor of the previous page, with the same filters; absent for the"
                    + " first page.") @QueryParam("cursor") String cursor) {
        return clusters.history(id, cursor, limit).map(ResponseBodies.HistoryPage::of);
    }

    @GET
    @Path("/events")
    @Operation(operationId = "listClusterEvents", summary = "A cluster's event log",
            description = "The deduplicated Kubernetes event log, newest first, filtered and paged with nextCursor."
                    + " from and to select the entries that were happening in the range (lastSeen >= from and"
                    + " firstSeen < to). " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "One page, newest first; nextCursor is absent on the last page.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = ResponseBodies.EventPage.class),
            examples = @ExampleObject(name = "one entry", value = EVENTS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_QUERY,
            content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid query",
                    value = ApiDocs.BAD_QUERY_EXAMPLE)))
    public Uni<ResponseBodies.EventPage> events(
            @Parameter(description = "The cluster\'s id.", example = ApiDocs.CLUSTER_ID) @PathParam("id") UUID id,
            @Parameter(description = "Normal or Warning (any case).", example = "Warning")
            @QueryParam("type") String type,
            @Parameter(description = "The event's reason, exactly.", example = "BackOff")
            @QueryParam("reason") String reason,
            @Parameter(description = "The namespace of the object.", example = "shop")
            @QueryParam("namespace") String namespace,
            @Parameter(description = "The object's Kubernetes kind.", example = "Pod")
            @QueryParam("objectKind") String objectKind,
            @Parameter(description = "The object's name, exactly.", example = "api-7d9f8c-x2k4q")
            @QueryParam("objectName") String objectName,
            @Parameter(description = "Entries still happening at or after this instant (ISO-8601 UTC).",
                    example = "2026-12-03T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Entries that began before this instant (ISO-8601 UTC); after from.",
                    example = "2026-12-03T12:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Items per page, 1 to 500.") @QueryParam("limit") @DefaultValue("50")
            @Min(1) @Max(500) int limit,
            @Parameter(description = "The nextCursor of the previous page, with the same filters; absent for the"
                    + " first page.") @QueryParam("cursor") String cursor) {
        EventFilter filter = EventFilter.fromQuery(type, reason, namespace, objectKind, objectName, from, to);
        return clusters.events(id, filter, cursor, limit).map(ResponseBodies.EventPage::of);
    }

    /**
     * Server-sent events: first {@code ready}, then an {@code event} for each new or updated entry matching the
     * filters, from whichever instance took it. Access is checked before the stream starts (a 404 is a 404).
     * A caller holds at most {@code max-streams-per-caller} streams (the next is a 429), and a stream ends when
     * the token that opened it expires: access is only ever checked at the start, so it must not outlive the
     * token. Each event carries its entry id, and the client reconnects with a fresh token and pages the log
     * for what it missed. When the cluster is deleted the stream ends after a {@code deleted} event, on every
     * instance (see {@link EventStreamHub}). An instance holds at most {@code max-streams} streams (the next is a
     * 503 with Retry-After).
     */
    @GET
    @Path("/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(operationId = "streamClusterEvents", summary = "A cluster's new and updated event-log entries, live",
            description = "Server-sent events: first a ready event, then an event named event (its id is the entry's"
                    + " id, its data the entry as listClusterEvents gives it) for each new or updated entry matching"
                    + " the filters, and a keep-alive comment every 25 s. Access is checked when the stream opens, and"
                    + " the stream ends when the token that opened it expires: reconnect with a fresh token and page"
                    + " the log for what was missed. When the cluster is deleted, a last event named deleted (data: the"
                    + " clusterId) is sent and the stream ends. A caller holds at most 5 streams at once, an instance"
                    + " of the service 1,000 by default. " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "The stream.", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "ready, one entry, keep-alive", value = STREAM_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A filter is not valid; every invalid filter is named in errors.",
            content = @Content(mediaType = ApiDocs.PROBLEM,
            schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(name = "invalid query",
                    value = ApiDocs.BAD_QUERY_EXAMPLE)))
    @APIResponse(responseCode = "429", description = "The caller holds the most live streams allowed already; close"
            + " one, or retry after Retry-After.",
            headers = @Header(name = "Retry-After", ref = "Retry-After"), content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "too many streams", value = STREAMS_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "This instance of the service holds the most live streams it may"
            + " (mooring.health.events.max-streams), or cannot reach its database; retry after Retry-After.",
            headers = @Header(name = "Retry-After", ref = "Retry-After"), content = @Content(
            mediaType = ApiDocs.PROBLEM, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA), examples = @ExampleObject(
                    name = "too many streams here", value = FULL_EXAMPLE)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The cluster\'s id.", example = ApiDocs.CLUSTER_ID) @PathParam("id") UUID id,
            @Parameter(description = "Normal or Warning (any case).", example = "Warning")
            @QueryParam("type") String type,
            @Parameter(description = "The event's reason, exactly.", example = "BackOff")
            @QueryParam("reason") String reason,
            @Parameter(description = "The namespace of the object.", example = "shop")
            @QueryParam("namespace") String namespace,
            @Parameter(description = "The object's Kubernetes kind.", example = "Pod")
            @QueryParam("objectKind") String objectKind,
            @Parameter(description = "The object's name, exactly.", example = "api-7d9f8c-x2k4q")
            @QueryParam("objectName") String objectName, @Context Sse sse) {
        EventFilter filter = EventFilter.fromQuery(type, reason, namespace, objectKind, objectName, null, null);
        clusters.requireVisibleNow(id);
        OutboundSseEvent ready = sse.newEventBuilder().name("ready").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.class, Map.of("clusterId", id.toString())).build();
        OutboundSseEvent deleted = sse.newEventBuilder().name("deleted").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.class, Map.of("clusterId", id.toString())).build();
        // Marks the end of the entries: the keep-alive ticks never end, so the merge would not end without it.
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> entries = streams.watch(id, filter).map(stored -> sse.newEventBuilder()
                .name("event").id(stored.id().toString()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(ResponseBodies.EventView.class, ResponseBodies.EventView.of(stored)).build())
                .onFailure(ClusterGone.class).recoverWithItem(deleted)
                .onCompletion().continueWith(end);
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.events().streamKeepAlive())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Multi<OutboundSseEvent> stream = Multi.createBy().concatenating().streams(Multi.createFrom().item(ready),
                Multi.createBy().merging().streams(entries, keepAlive).select().first(event -> event != end));
        // The token's expiry is real time, as the token verifier sees it (tests move the service's clock).
        Duration left = Duration.ofMillis(Math.max(1,
                Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime())).toMillis()));
        Runnable release = streams.claimStream(token.getSubject() == null ? token.getName() : token.getSubject());
        return stream.select().first(left).onTermination().invoke(release);
    }

    @GET
    @Path("/inventory")
    @Operation(operationId = "getClusterInventory", summary = "A cluster's latest inventory: nodes and namespaces",
            description = "404 also when the cluster's agent has not reported an inventory yet. " + ApiDocs.USER_ROLES)
    @APIResponse(responseCode = "200", description = "The latest inventory the agent reported.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResponseBodies.InventoryView.class),
            examples = @ExampleObject(name = "one node", value = INVENTORY_EXAMPLE)))
    public Uni<ResponseBodies.InventoryView> inventory(
            @Parameter(description = "The cluster\'s id.", example = ApiDocs.CLUSTER_ID) @PathParam("id") UUID id) {
        return clusters.inventory(id).map(latest -> {
            if (latest == null) {
                throw ProblemException.notFound("The agent of this cluster has not reported an inventory yet");
            }
            return ResponseBodies.InventoryView.of(id, latest);
        });
    }
}
