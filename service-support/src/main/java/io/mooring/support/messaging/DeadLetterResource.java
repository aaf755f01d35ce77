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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter store of this service, for admins. Every service serves it under its own name
 * ({@code /api/v1/admin/cost/dead-letters}, ...), which is how the gateway tells them apart.
 */
@Path("/api/v1/admin/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Admin: dead letters", description = "Records this service's event consumers could never handle, kept "
        + "for an admin to inspect, replay or discard. Role: admin.")
public class DeadLetterResource {

    // The operation ids and the concrete path (the service's name in place of {service}) come from
    // io.mooring.support.api.openapi.SharedOpenApi, which knows which service this is.
    private static final String LETTER = """
            {"id": 42, "consumer": "lifecycle", "topic": "mooring.cluster-lifecycle", "partition": 0, "offset": 1187,
             "key": "6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10",
             "headers": [{"name": "ce_type", "value": "io.mooring.cluster.imported"}],
             "value": "{\\"clusterId\\":\\"6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10\\"}",
             "eventId": "0b7e2c4a-58c1-4d0e-9a57-0f3c2b1d9e88", "eventType": "io.mooring.cluster.imported",
             "error": "IllegalArgumentException: name must be a DNS-1123 label", "attempts": 1,
             "parkedAt": "2026-12-03T09:47:59Z", "failedAt": "2026-12-03T09:47:59Z"}""";
    private static final String PAGE = """
            {"items": [{"id": 42, "consumer": "lifecycle", "topic": "mooring.cluster-lifecycle", "partition": 0,
             "offset": 1187, "key": "6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10", "headers": [],
             "eventId": "0b7e2c4a-58c1-4d0e-9a57-0f3c2b1d9e88", "eventType": "io.mooring.cluster.imported",
             "error": "IllegalArgumentException: name must be a DNS-1123 label", "attempts": 1,
             "parkedAt": "2026-12-03T09:47:59Z", "failedAt": "2026-12-03T09:47:59Z"}], "nextBefore": 41}""";
    private static final String REPLAYED = """
            {"id": 42, "consumer": "lifecycle", "topic": "mooring.cluster-lifecycle", "partition": 0, "offset": 1187,
             "key": "6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10", "headers": [],
             "value": "{\\"clusterId\\":\\"6f1c0b8e-6a43-4f7e-9d0c-3c1f2a7b9e10\\"}",
             "eventId": "0b7e2c4a-58c1-4d0e-9a57-0f3c2b1d9e88", "eventType": "io.mooring.cluster.imported",
             "error": "IllegalArgumentException: name must be a DNS-1123 label", "attempts": 1,
             "parkedAt": "2026-12-03T09:47:59Z", "failedAt": "2026-12-03T09:47:59Z",
             "replayedAt": "2026-12-03T10:02:11Z"}""";

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
    @Operation(summary = "List dead letters", description = "Records this service's consumers could never handle, "
            + "newest first, without their values. Pass `nextBefore` as `before` for the next page; it is null on "
            + "the last one.")
    @APIResponse(responseCode = "200", description = "One page of dead letters.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterPage.class),
            examples = @ExampleObject(name = "page", value = PAGE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<DeadLetterPage> list(@PathParam("service") String service,
            @Parameter(description = "Only dead letters with a smaller id: the `nextBefore` of the previous page.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"), example = "42")
            @QueryParam("before") String before,
            @Parameter(description = "Page size, 1 to 200; 50 when absent.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200",
                            defaultValue = "50"))
            @QueryParam("limit") String limit) {
        checkService(service);
        Long beforeId = before == null ? null : id("before", before);
        int size = limit == null ? 50 : (int) number("limit", limit, 1, 200);
        return deadLetters.list(beforeId, size).map(items -> new DeadLetterPage(items,
                items.size() == size ? items.get(items.size() - 1).id() : null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a dead letter", description = "One dead letter, with the record's value.")
    @APIResponse(responseCode = "200", description = "The dead letter.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetters.DeadLetter.class),
            examples = @ExampleObject(name = "letter", value = LETTER)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<DeadLetters.DeadLetter> get(@PathParam("service") String service,
            @Parameter(in = ParameterIn.PATH, description = "The dead letter's id.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"), example = "42")
            @PathParam("id") String id) {
        checkService(service);
        long letter = id("id", id);
        return deadLetters.find(letter).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No dead letter " + letter + "."));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Replay a dead letter", description = "Hands the record to its consumer again. Idempotent "
            + "per event: an event already handled changes nothing. On success the dead letter is marked replayed; "
            + "when it fails for good again it stays with the new error (422); when it cannot be handled now (the "
            + "database is away, say) it is unchanged (503).")
    @APIResponse(responseCode = "200", description = "Replayed: the dead letter, now with `replayedAt`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetters.DeadLetter.class),
                    examples = @ExampleObject(name = "replayed", value = REPLAYED)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "Already replayed, or this service has no consumer of that "
            + "name any more.")
    @APIResponse(responseCode = "422", description = "The event failed again; the dead letter stays, with the new "
            + "error.")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("service") String service,
            @Parameter(in = ParameterIn.PATH, description = "The dead letter's id.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"), example = "42")
            @PathParam("id") String id) {
        checkService(service);
        return consumer.replay(id("id", id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Discard a dead letter", description = "Deletes it for good; its event is not handled.")
    @APIResponse(responseCode = "204", description = "Discarded.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Void> discard(@PathParam("service") String service,
            @Parameter(in = ParameterIn.PATH, description = "The dead letter's id.",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"), example = "42")
            @PathParam("id") String id) {
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
