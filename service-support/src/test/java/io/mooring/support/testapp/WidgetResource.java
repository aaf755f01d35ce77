package io.mooring.support.testapp;

import io.mooring.events.Modes;
import io.mooring.events.payload.ClusterImported;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test-only API: each create is one state change plus one outbox event, like a real service's. */
@Path("/api/v1/widgets")
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

    @GET
    @Path("/agent")
    @RolesAllowed(Roles.AGENT)
    public Uni<String> agentOnly() {
        return Uni.createFrom().item(() -> caller.get().agentClusterId().toString());
    }
}
