package io.mooring.addon.api;

import io.mooring.addon.domain.Names;
import io.mooring.events.KubernetesNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code POST /api/v1/clusters/{id}/addons}: attaches a profile version. {@code values} maps layer names to
 * values overriding that chart layer's own (a JSON object, or a string of YAML holding a mapping); Helm merges them
 * over the layer's values.
 */
public record AttachRequest(
        @NotBlank @Size(max = Names.MAX_PROFILE_NAME) @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX, message = KubernetesNames.DNS_LABEL_RULE) String profile,
        @NotBlank @Size(max = 128) String version,
        @Size(max = 50) Map<String, Object> values) {
}
