package io.mooring.health.api;

import io.mooring.health.domain.InvalidQueryException;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Bad query parameters (filters, cursors) found by the domain are a 400 naming each parameter.
 */
public class HealthProblems {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        Problem problem = new ProblemException(400, "invalid-request", "Invalid request", "The query is not valid.",
                e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList()).toProblem();
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
