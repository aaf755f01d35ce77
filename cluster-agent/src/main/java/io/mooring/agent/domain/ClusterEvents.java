package io.mooring.agent.domain;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a Kubernetes Event (core/v1, as old and new event recorders write it) into the {@link ClusterEvent} the
 * platform takes, or nothing when it could not be accepted: the platform refuses a whole batch for one bad event,
 * so what it would refuse is left out here (no reason, no object, a type other than Normal or Warning).
 */
public final class ClusterEvents {

    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_REASON = 128;
    private static final int MAX_SOURCE = 256;

    private ClusterEvents() {
    }

    public static Optional<ClusterEvent> from(Event event) {
        if (event == null || event.getMetadata() == null) {
            return Optional.empty();
        }
        String type = event.getType();
        if (!"Normal".equals(type) && !"Warning".equals(type)) {
            return Optional.empty();
        }
        String reason = clean(event.getReason(), MAX_REASON);
        ObjectReference object = event.getInvolvedObject();
        if (reason == null || reason.isEmpty() || object == null || object.getKind() == null || !KIND.matcher(object.getKind()).matches()
                || object.getName() == null || object.getName().isEmpty() || object.getName().length() > 253) {
            return Optional.empty();
        }
        Instant created = instant(event.getMetadata().getCreationTimestamp());
        Instant eventTime = event.getEventTime() == null ? null : instant(event.getEventTime().getTime());
        Instant first = firstNonNull(instant(event.getFirstTimestamp()), eventTime, created);
        Instant seriesLast = event.getSeries() == null || event.getSeries().getLastObservedTime() == null ? null
                : instant(event.getSeries().getLastObservedTime().getTime());
        Instant last = firstNonNull(seriesLast, instant(event.getLastTimestamp()), eventTime, first);
        if (first != null && last != null && last.isBefore(first)) {
            last = first;
        }
        int count = event.getSeries() != null && event.getSeries().getCount() != null ? event.getSeries().getCount()
                : event.getCount() != null ? event.getCount() : 1;
        String source = event.getSource() != null && event.getSource().getComponent() != null && !event.getSource().getComponent().isEmpty()
                ? event.getSource().getComponent()
                : event.getReportingComponent();
        String namespace = object.getNamespace() != null && !object.getNamespace().isEmpty() ? object.getNamespace()
                : event.getMetadata().getNamespace();
        if ("Node".equals(object.getKind()) || "Namespace".equals(object.getKind())) {
            // Cluster-scoped objects: the Event lives in some namespace ("default"), the object in none.
            namespace = object.getNamespace() == null || object.getNamespace().isEmpty() ? null : object.getNamespace();
        }
        return Optional.of(new ClusterEvent(
                event.getMetadata().getUid(),
                type,
                reason,
                cut(event.getMessage(), MAX_MESSAGE),
                namespace,
                object.getKind(),
                object.getName(),
                clean(source, MAX_SOURCE),
                Math.max(count, 1),
                first,
                last));
    }

    private static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        String cleaned = CONTROL.matcher(text).replaceAll(" ").trim();
        return cut(cleaned, max);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
