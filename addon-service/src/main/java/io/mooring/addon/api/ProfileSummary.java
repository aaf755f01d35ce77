package io.mooring.addon.api;

import io.mooring.addon.service.ProfileSnapshot;
import java.time.Instant;

/** A profile in the catalogue: its type and latest version. */
public record ProfileSummary(String name, String type, String description, String latestVersion,
        int versionCount, Instant createdAt, Instant updatedAt) {

    static ProfileSummary of(ProfileSnapshot profile) {
        return new ProfileSummary(profile.name(), profile.type(), profile.description(), profile.latestVersion(),
                profile.versionCount(), profile.createdAt(), profile.updatedAt());
    }
}
