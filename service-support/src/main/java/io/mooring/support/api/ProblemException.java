package io.mooring.support.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal the caller can act on, answered as a problem with this status. Services throw it (or fail a
 * {@code Uni} with it) instead of building responses, so every service answers errors alike.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private Duration retryAfter;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(410, "gone", "Gone", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "invalid-request", "Invalid request", "The request is not valid.",
                List.of(new Problem.FieldError(field, message)));
    }

    /** An operation this cluster can never or not now perform; {@code detail} is the capability's reason. */
    public static ProblemException notCapable(String detail) {
        return new ProblemException(409, "operation-not-allowed", "Operation not allowed for this cluster", detail);
    }

    /**
     * A refusal for now (a full queue, a busy worker pool, a dependency away): the answer carries
     * {@code Retry-After}, which the agent and well-behaved clients wait out before trying again.
     */
    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public int status() {
        return status;
    }

    /** Whole seconds, at least one, as {@code Retry-After} carries them; empty when the refusal is final. */
    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfter).map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), errors);
    }
}
