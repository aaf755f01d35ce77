package io.mooring.registry.api;

import io.mooring.support.api.ProblemException;
import io.mooring.support.api.ProblemMappers;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Races the database settles: two requests changing the same cluster at once (version check), or creating
 * the same name at once (unique constraint). Both are 409 problems; any other persistence failure stays a
 * 500 with an error id.
 */
public class PersistenceProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return problems.problem(ProblemException.conflict(
                        "The cluster was changed by another request at the same time; read it again and retry."));
            }
            if (cause instanceof ConstraintViolationException
                    || cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return problems.problem(ProblemException.conflict(
                        "This conflicts with another request that was handled at the same time; read and retry."));
            }
        }
        return problems.unexpected(e);
    }
}
