package io.mooring.addon.api;

import io.mooring.addon.service.VersionSnapshot;
import java.time.Instant;

/** One published version of a profile in a list of versions; {@code layers} is how many it has. */
public record VersionSummary(String name, String version, String type, String description, String contentHash,
        int layers, Instant createdAt, String createdBy) {

    static VersionSummary of(VersionSnapshot version) {
        return new VersionSummary(version.name(), version.version(), version.type(), version.description(),
                version.contentHash(), version.layerCount(), version.createdAt(), version.createdBy());
    }
}
