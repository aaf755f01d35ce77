package io.mooring.addon.api;

import io.mooring.addon.domain.Names;
import io.mooring.addon.domain.ProfileType;
import io.mooring.addon.domain.SecretValues;
import io.mooring.addon.service.ProfileDraft;
import io.mooring.events.KubernetesNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/addon-profiles}: publishes one version of a profile.
 *
 * @param name        DNS-1123 label
 * @param version     a semantic version (2.0.0)
 * @param type        {@code add-on} or {@code infrastructure}; every version of a profile has the same type
 * @param layers      applied in this order
 */
public record PublishProfileRequest(
        @NotBlank @Size(max = Names.MAX_PROFILE_NAME) @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX, message = KubernetesNames.DNS_LABEL_RULE) String name,
        @NotBlank @Size(max = 128) String version,
        @Size(max = 2000) String description,
        @NotNull ProfileType type,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid LayerRequest> layers) {

    ProfileDraft toDraft() {
        return new ProfileDraft(name, version, description, type, layers.stream().map(LayerRequest::toDraft).toList());
    }

    /**
     * One layer: either {@code manifests} (multi-document YAML) or a {@code chart} with {@code values} (a JSON
     * object, or a string of YAML holding a mapping). {@code adoptExisting}: the layer may take over objects that
     * already exist in the cluster without Mooring's labels (by default such an object fails the layer; an adopted
     * object is released, never deleted, when the profile lets go of it). {@code secretValues}: dotted paths of
     * the chart's values (e.g. {@code db.password}) shown masked by the API, here and in attachments' values.
     */
    public record LayerRequest(
            @NotBlank @Size(max = Names.MAX_LAYER_NAME) @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX, message = KubernetesNames.DNS_LABEL_RULE) String name,
            @NotBlank @Size(max = KubernetesNames.MAX_LABEL_LENGTH) @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX, message = KubernetesNames.DNS_LABEL_RULE) String namespace,
            String manifests,
            @Valid ChartRequest chart,
            Object values,
            Boolean adoptExisting,
            @Size(max = 100) List<@NotBlank @Size(max = 253) @Pattern(regexp = SecretValues.PATH, message = "must be a dotted path of value keys such as db.password") String> secretValues) {

        ProfileDraft.LayerDraft toDraft() {
            return new ProfileDraft.LayerDraft(name, namespace, manifests, chart == null ? null : chart.toDraft(),
                    values, adoptExisting, secretValues);
        }
    }

    /**
     * Exactly one source: {@code repository} (an HTTP(S) chart repository URL) with {@code name} and
     * {@code version}; {@code oci} (an {@code oci://} reference to the chart) with {@code version}; or
     * {@code archive}, a packaged chart (.tgz) in base64.
     */
    public record ChartRequest(
            @Size(max = 2048) String repository,
            @Size(max = 253) String name,
            @Size(max = 128) String version,
            @Size(max = 2048) String oci,
            String archive) {

        ProfileDraft.ChartDraft toDraft() {
            return new ProfileDraft.ChartDraft(repository, name, version, oci, archive);
        }
    }
}
