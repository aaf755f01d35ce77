package io.mooring.health.domain;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Bad input to a query: the API maps it to 400 problem+json, {@link #errors()} becoming the
 * {@code errors: [{field, message}]} member.
 */
public class InvalidQueryException extends IllegalArgumentException {

    /** One invalid parameter; {@code field} is the query parameter's name. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldError> errors;

    public InvalidQueryException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("An invalid query has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
