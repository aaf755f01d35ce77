package io.mooring.support.testapp;

import io.mooring.events.Modes;
import io.mooring.events.payload.ClusterImported;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test-only API: each create is one state change plus one outbox event, like a real service's. */
@Path("/api/v1/widgets")
@Tag(name = "Widgets")
public class WidgetResource {

    public enum Colour {
        RED, GREEN
    }

    public record CreateWidget(@NotNull UUID clusterId,
            @NotBlank @Pattern(regexp = "[a-z0-9-]+", message = "must be a DNS-1123 label") String name,
            @Min(0) int seq, Colour colour, Map<String, String> labels) {
    }

    private final Outbox outbox;
    private final CurrentCaller caller;

    public WidgetResource(Outbox outbox, CurrentCaller caller) {
        this.outbox = outbox;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @WithTransaction
    public Uni<Widget> create(@Valid @NotNull CreateWidget request) {
        Widget widget = new Widget();
        widget.id = UUID.randomUUID();
        widget.clusterId = request.clusterId();
        widget.name = request.name();
        widget.seq = request.seq();
        return Panache.getSession().flatMap(s -> s.persist(widget))
                .flatMap(v -> outbox.add(new ClusterImported(widget.clusterId, "test", widget.name + "-" + widget.seq,
                        "generic", Modes.READ_ONLY, labels(request),
                        caller.get().name(), Instant.now())))
                .flatMap(v -> "explode".equals(request.name())
                        ? Uni.createFrom().failure(new ProblemException(422, "explode", "Exploded",
                                "Failed after writing, to prove the rollback."))
                        : Uni.createFrom().item(widget));
    }

    private static Map<String, String> labels(CreateWidget request) {
        Map<String, String> labels = new java.util.HashMap<>(request.labels() == null ? Map.of() : request.labels());
        labels.put("seq", String.valueOf(request.seq()));
        return labels;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Map<String, Object>> list(@QueryParam("limit") @Min(1) @Max(100) Integer limit) {
        return Uni.createFrom().item(Map.of("caller", caller.get().name(), "projects", caller.get().projects()));
    }

    /**
     * One widget; {@code misbehave} makes the answer break the document on purpose (an undocumented status, a body
     * of the wrong shape, an undocumented content type), so the response validation can be seen to catch it.
     */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @APIResponse(responseCode = "200", description = "The widget.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Widget.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @WithSession
    public Uni<Response> get(@PathParam("id") UUID id, @QueryParam("misbehave") String misbehave) {
        if ("status".equals(misbehave)) {
            return Uni.createFrom().failure(new ProblemException(418, "teapot", "I'm a teapot", "Undocumented."));
        }
        if ("body".equals(misbehave)) {
            return Uni.createFrom().item(Response.ok(Map.of("id", 5, "name", 7), MediaType.APPLICATION_JSON).build());
        }
        if ("type".equals(misbehave)) {
            return Uni.createFrom().item(Response.ok("a widget", MediaType.TEXT_PLAIN).build());
        }
        return Panache.getSession().flatMap(session -> session.find(Widget.class, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No widget " + id + "."))
                .map(widget -> Response.ok(widget, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/agent")
    @RolesAllowed(Roles.AGENT)
    public Uni<String> agentOnly() {
        return Uni.createFrom().item(() -> caller.get().agentClusterId().toString());
    }
}
