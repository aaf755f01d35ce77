package io.mooring.health.domain;

import java.util.UUID;

/** An event-log entry with the id it is stored and paged under ({@link EventKey#entryId} of its cluster). */
public record StoredEntry(UUID id, EventEntry entry) {
}
