package io.mooring.support.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A query parameter naming some objects by id, such as the clusters of a fleet page: comma-separated or the
 * parameter repeated (a hundred repeated names would pass the longest URI accepted), each id once.
 */
public final class IdList {

    private IdList() {
    }

    /**
     * The ids in {@code values} in the order given, duplicates dropped; an empty list when none is given. A value
     * that is not a UUID in its usual form, or more than {@code max} ids, is a 400 naming {@code field}.
     */
    public static List<UUID> parse(String field, List<String> values, int max) {
        Set<UUID> ids = new LinkedHashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> parts = values == null ? List.of()
                : values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).toList();
        for (String part : parts) {
            try {
                UUID id = UUID.fromString(part);
                // UUID.fromString also takes short forms such as 1-2-3-4-5, which are no object's id.
                if (!id.toString().equalsIgnoreCase(part)) {
                    throw new IllegalArgumentException(part);
                }
                ids.add(id);
            } catch (IllegalArgumentException e) {
                if (errors.size() < 10) {
                    errors.add(new Problem.FieldError(field, "not a UUID: "
                            + (part.length() <= 40 ? part : part.substring(0, 40) + "…")));
                }
            }
        }
        if (ids.size() > max) {
            errors.add(new Problem.FieldError(field, "at most " + max + " ids"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "invalid-request", "Invalid request", "The request is not valid.", errors);
        }
        return List.copyOf(ids);
    }
}
