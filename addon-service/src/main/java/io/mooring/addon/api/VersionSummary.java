package io.mooring.addon.api;

import io.mooring.addon.service.VersionSnapshot;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One published version of a profile in a list of versions; {@code layers} is how many it has. */
public record VersionSummary(String name, String version,
        @Schema(enumeration = { "add-on", "infrastructure" }) String type,
        @Schema(nullable = true) String description, String contentHash,
        @Schema(description = "How many layers the version has.") int layers, Instant createdAt, String createdBy) {

    static VersionSummary of(VersionSnapshot version) {
        return new VersionSummary(version.name(), version.version(), version.type(), version.description(),
                version.contentHash(), version.layerCount(), version.createdAt(), version.createdBy());
    }
}
