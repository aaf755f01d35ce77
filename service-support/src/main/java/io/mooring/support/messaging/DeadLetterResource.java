package io.mooring.support.messaging;

import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter store of this service, for admins. Every service serves it under its own name
 * ({@code /api/v1/admin/cost/dead-letters}, ...), which is how the gateway tells them apart.
 */
@Path("/api/v1/admin/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Admin: dead letters")
public class DeadLetterResource {

    /** One page, newest first; pass {@code nextBefore} as {@code before} for the next (null on the last page). */
    public record DeadLetterPage(List<DeadLetters.DeadLetter> items, Long nextBefore) {
    }

    private final DeadLetters deadLetters;
    private final IdempotentConsumer consumer;
    private final String serviceName;

    public DeadLetterResource(DeadLetters deadLetters, IdempotentConsumer consumer, ConsumerSettings settings) {
        this.deadLetters = deadLetters;
        this.consumer = consumer;
        String name = settings.adminName();
        this.serviceName = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
    }

    @GET
    @Operation(summary = "Records this service's consumers could never handle, newest first (values left out)")
    public Uni<DeadLetterPage> list(@PathParam("service") String service, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        checkService(service);
        Long beforeId = before == null ? null : id("before", before);
        int size = limit == null ? 50 : (int) number("limit", limit, 1, 200);
        return deadLetters.list(beforeId, size).map(items -> new DeadLetterPage(items,
                items.size() == size ? items.get(items.size() - 1).id() : null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter, with the record's value")
    public Uni<DeadLetters.DeadLetter> get(@PathParam("service") String service, @PathParam("id") String id) {
        checkService(service);
        long letter = id("id", id);
        return deadLetters.find(letter).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No dead letter " + letter + "."));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Hand the record to its consumer again", description = "Idempotent per event: an event "
            + "already handled changes nothing. On success the dead letter is marked replayed; when it fails for good "
            + "again it stays with the new error (422).")
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("service") String service, @PathParam("id") String id) {
        checkService(service);
        return consumer.replay(id("id", id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Discard a dead letter")
    public Uni<Void> discard(@PathParam("service") String service, @PathParam("id") String id) {
        checkService(service);
        long letter = id("id", id);
        return deadLetters.delete(letter).flatMap(deleted -> deleted
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.notFound("No dead letter " + letter + ".")));
    }

    private void checkService(String service) {
        if (!serviceName.equals(service)) {
            throw ProblemException.notFound("This is " + serviceName + ", not " + service + ".");
        }
    }

    private static long id(String field, String value) {
        return number(field, value, 1, Long.MAX_VALUE);
    }

    private static long number(String field, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max);
    }
}
