package io.mooring.addon.service;

import io.mooring.addon.domain.ProfileDefinition;
import io.mooring.addon.domain.SemanticVersion;
import java.util.Map;

/** A publish request, checked and normalised: uploaded archives decoded and named by digest. */
public record PreparedProfile(String name, SemanticVersion version, ProfileDefinition definition, String contentHash,
        Map<String, byte[]> archives) {

    public String versionText() {
        return version.toString();
    }
}
