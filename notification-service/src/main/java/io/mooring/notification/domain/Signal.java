package io.mooring.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an event says that a rule may alert on, before any rule is applied. {@code subject} tells apart the things
 * one cluster has several of (an add-on layer); {@code condition} is the state it is now in and {@code problem}
 * whether that state is bad. {@code details} go into the alert's data as they are.
 */
public record Signal(
        Trigger trigger,
        UUID clusterId,
        String project,
        String subject,
        String condition,
        String previous,
        boolean problem,
        String summary,
        List<Check> checks,
        Map<String, Object> details,
        Instant occurredAt) {

    public Signal {
        checks = checks == null ? List.of() : List.copyOf(checks);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A health check that did not pass, as the alert lists it. */
    public record Check(String name, String status, String message) {
    }
}
