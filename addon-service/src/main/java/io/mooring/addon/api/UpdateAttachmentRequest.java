package io.mooring.addon.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code PUT /api/v1/clusters/{id}/addons/{profile}}: the attachment's new version and overrides, replacing the
 * old ones (no {@code values} means no overrides).
 */
public record UpdateAttachmentRequest(
        @NotBlank @Size(max = 128) String version,
        @Size(max = 50) Map<String, Object> values) {
}
