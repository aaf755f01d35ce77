package io.mooring.registry.api.dto;

import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.service.ImportLinks;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to run in the cluster: {@code kubectl apply -f <manifestUrl>}. The URL holds a single-use import token
 * that stops working at {@code expiresAt}, when the agent registers with it, or when a new command is issued.
 */
@Schema(requiredProperties = { "command", "manifestUrl", "importMode", "expiresAt" })
public record ImportCommand(@Schema(description = "Run it where kubectl reaches the cluster.") String command,
        @Schema(format = "uri", description = "Single use: it stops working when the agent registers, when a new"
                + " command is issued, or at expiresAt.") String manifestUrl,
        @Schema(description = "The mode the manifest installs (for a migration, the pending one).") ImportMode importMode,
        Instant expiresAt) {

    public static ImportCommand of(ImportLinks.ImportLink link) {
        return new ImportCommand(link.command(), link.manifestUrl(), link.importMode(), link.expiresAt());
    }
}
