package io.mooring.registry.api.dto;

import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.service.ImportLinks;
import java.time.Instant;

/**
 * What to run in the cluster: {@code kubectl apply -f <manifestUrl>}. The URL holds a single-use import token
 * that stops working at {@code expiresAt}, when the agent registers with it, or when a new command is issued.
 */
public record ImportCommand(String command, String manifestUrl, ImportMode importMode, Instant expiresAt) {

    public static ImportCommand of(ImportLinks.ImportLink link) {
        return new ImportCommand(link.command(), link.manifestUrl(), link.importMode(), link.expiresAt());
    }
}
