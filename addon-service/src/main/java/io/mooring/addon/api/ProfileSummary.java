package io.mooring.addon.api;

import io.mooring.addon.service.ProfileSnapshot;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A profile in the catalogue: its type and latest version. */
public record ProfileSummary(String name,
        @Schema(enumeration = { "add-on", "infrastructure" }) String type,
        @Schema(nullable = true) String description, String latestVersion,
        int versionCount, Instant createdAt, Instant updatedAt) {

    static ProfileSummary of(ProfileSnapshot profile) {
        return new ProfileSummary(profile.name(), profile.type(), profile.description(), profile.latestVersion(),
                profile.versionCount(), profile.createdAt(), profile.updatedAt());
    }
}
