package io.mooring.registry.api.dto;

import io.mooring.registry.service.ImportLinks;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Removes what the import installed: {@code kubectl delete --ignore-not-found -f <manifestUrl>}. Needed when
 * the agent cannot do it itself (read-only agents hold no delete right; a force-deleted cluster's agent is
 * gone); harmless otherwise.
 */
@Schema(requiredProperties = { "command", "manifestUrl", "expiresAt" })
public record CleanupCommand(String command, @Schema(format = "uri") String manifestUrl, Instant expiresAt) {

    public static CleanupCommand of(ImportLinks.CleanupLink link) {
        return new CleanupCommand(link.command(), link.manifestUrl(), link.expiresAt());
    }
}
