package io.mooring.addon.service;

import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Collects field errors of one request, to refuse it once with all of them (400, problem+json). */
public final class Violations {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw invalid(detail, errors);
        }
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
    }

    public static ProblemException invalid(String field, String message, String detail) {
        return invalid(detail, List.of(new Problem.FieldError(field, message)));
    }
}
