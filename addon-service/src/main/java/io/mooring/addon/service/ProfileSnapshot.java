package io.mooring.addon.service;

import java.time.Instant;

/** A profile of the catalogue with its latest version (the highest by semantic-version precedence). */
public record ProfileSnapshot(String name, String type, String description, String latestVersion, int versionCount,
        Instant createdAt, Instant updatedAt) {
}
