package io.mooring.addon.service;

import io.mooring.addon.domain.ProfileType;
import java.util.List;

/**
 * A profile version as submitted for publishing, before {@link ProfilePreparation} has checked what bean validation
 * cannot; {@code layers} are in the order they are applied.
 */
public record ProfileDraft(String name, String version, String description, ProfileType type,
        List<LayerDraft> layers) {

    /**
     * Either {@code manifests} or a {@code chart} with {@code values} (a map, or a string of YAML holding a mapping);
     * {@code adoptExisting} may be null (false).
     */
    public record LayerDraft(String name, String namespace, String manifests, ChartDraft chart, Object values,
            Boolean adoptExisting, List<String> secretValues) {
    }

    /** One of a {@code repository} (with name and version), an {@code oci} reference, or an {@code archive} (base64). */
    public record ChartDraft(String repository, String name, String version, String oci, String archive) {
    }
}
