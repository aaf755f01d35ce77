package io.mooring.events.addons;

import java.util.List;
import java.util.UUID;

/**
 * One attached profile. {@code generation} grows by one whenever the attachment's version or values change;
 * status reports name the generation they are about, so a report about an older generation is ignored.
 */
public record DesiredProfile(UUID attachmentId, String profile, String version, long generation,
        List<DesiredLayer> layers) {

    public DesiredProfile {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
