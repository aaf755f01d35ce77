package io.mooring.health.domain;

import io.mooring.events.KubernetesNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an event-log query asks for; every criterion is optional and they combine with AND. Names match
 * exactly and case-sensitively, as in Kubernetes; {@code type} is Normal or Warning in any case.
 *
 * <p>{@code from} (inclusive) and {@code to} (exclusive) select entries whose activity overlaps the range
 * ({@code lastSeen >= from} and {@code firstSeen < to}): a deduplicated entry spans time, and one that kept
 * happening through the range belongs in it even though it started before and went on after.
 *
 * <p>Construction validates and normalises (blank becomes absent); bad input throws
 * {@link InvalidQueryException} listing every invalid field, named as the components are.
 */
public record EventFilter(
        String type,
        String reason,
        String namespace,
        String objectKind,
        String objectName,
        Instant from,
        Instant to) {

    public static final EventFilter ALL = new EventFilter(null, null, null, null, null, null, null);

    private static final List<String> TYPES = List.of("Normal", "Warning");
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public EventFilter {
        type = blankToNull(type);
        reason = blankToNull(reason);
        namespace = blankToNull(namespace);
        objectKind = blankToNull(objectKind);
        objectName = blankToNull(objectName);
        List<InvalidQueryException.FieldError> errors = validate(type, reason, namespace, objectKind, objectName, from, to);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        if (type != null) {
            type = canonicalType(type);
        }
    }

    /**
     * From raw query parameters, timestamps as ISO-8601 instants ({@code 2025-01-31T10:00:00Z}); reports a bad
     * timestamp together with any other invalid field, so the caller fixes them all at once.
     */
    public static EventFilter fromQuery(String type, String reason, String namespace, String objectKind,
            String objectName, String from, String to) {
        List<InvalidQueryException.FieldError> errors = new ArrayList<>();
        Instant fromInstant = parseInstant("from", from, errors);
        Instant toInstant = parseInstant("to", to, errors);
        errors.addAll(validate(blankToNull(type), blankToNull(reason), blankToNull(namespace), blankToNull(objectKind),
                blankToNull(objectName), fromInstant, toInstant));
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new EventFilter(type, reason, namespace, objectKind, objectName, fromInstant, toInstant);
    }

    public boolean matches(EventEntry entry) {
        EventKey key = entry.key();
        return (type == null || type.equals(entry.type()))
                && (reason == null || reason.equals(key.reason()))
                && (namespace == null || namespace.equals(key.namespace()))
                && (objectKind == null || objectKind.equals(key.objectKind()))
                && (objectName == null || objectName.equals(key.objectName()))
                && (from == null || !entry.lastSeen().isBefore(from))
                && (to == null || entry.firstSeen().isBefore(to));
    }

    /**
     * A canonical text of the criteria: equal filters give equal text. Cursors are bound to it, so a cursor
     * cannot be carried over to a different query.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Object part : new Object[] {type, reason, namespace, objectKind, objectName, from, to}) {
            String text = part == null ? "" : part.toString();
            sb.append(part == null ? -1 : text.length()).append(':').append(text).append('|');
        }
        return sb.toString();
    }

    private static List<InvalidQueryException.FieldError> validate(String type, String reason, String namespace,
            String objectKind, String objectName, Instant from, Instant to) {
        List<InvalidQueryException.FieldError> errors = new ArrayList<>();
        if (type != null && canonicalType(type) == null) {
            errors.add(error("type", "must be Normal or Warning"));
        }
        if (reason != null && (reason.length() > 128 || CONTROL.matcher(reason).find())) {
            errors.add(error("reason", "must be at most 128 printable characters"));
        }
        if (namespace != null && !KubernetesNames.isDnsLabel(namespace)) {
            errors.add(error("namespace", "must be a namespace name (lower-case letters, digits and '-', at most 63)"));
        }
        if (objectKind != null && (objectKind.length() > 63 || !KIND.matcher(objectKind).matches())) {
            errors.add(error("objectKind", "must be a Kubernetes kind such as Pod or Deployment"));
        }
        if (objectName != null && (objectName.length() > 253 || CONTROL.matcher(objectName).find())) {
            errors.add(error("objectName", "must be at most 253 printable characters"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(error("to", "must be after from"));
        }
        return errors;
    }

    private static Instant parseInstant(String field, String value, List<InvalidQueryException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(error(field, "must be an ISO-8601 UTC timestamp such as 2025-01-31T10:00:00Z"));
            return null;
        }
    }

    private static String canonicalType(String type) {
        return TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static InvalidQueryException.FieldError error(String field, String message) {
        return new InvalidQueryException.FieldError(field, message);
    }
}
