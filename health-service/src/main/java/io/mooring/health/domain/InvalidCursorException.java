package io.mooring.health.domain;

import java.util.List;

/**
 * A pagination cursor that this service did not issue for this query: malformed, tampered with, or from
 * another cluster or filter. Its message never says which, so it teaches nothing about the format.
 */
public final class InvalidCursorException extends InvalidQueryException {

    public static final String FIELD = "cursor";

    public InvalidCursorException() {
        super(List.of(new FieldError(FIELD, "is not a cursor returned by this query; start again from the first page")));
    }
}
