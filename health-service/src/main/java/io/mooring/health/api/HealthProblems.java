package io.mooring.health.api;

import io.mooring.health.domain.InvalidQueryException;
import io.mooring.health.service.TooBusy;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Bad query parameters (filters, cursors) found by the domain are a 400 naming each parameter; a full queue or
 * too many streams a 429 that says when to come back.
 */
public class HealthProblems {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        Problem problem = new ProblemException(400, "invalid-request", "Invalid request", "The query is not valid.",
                e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList()).toProblem();
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response tooBusy(TooBusy e) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).header("Retry-After", e.retryAfterSeconds())
                .entity(e.toProblem()).build();
    }
}
