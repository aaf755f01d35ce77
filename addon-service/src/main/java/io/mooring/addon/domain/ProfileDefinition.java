package io.mooring.addon.domain;

import java.util.List;

/** The content of a profile version, the part that must never change once published. */
public record ProfileDefinition(ProfileType type, String description, List<LayerDefinition> layers) {

    public ProfileDefinition {
        layers = List.copyOf(layers);
    }
}
