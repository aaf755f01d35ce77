package io.mooring.addon.service;

import java.time.Instant;

/**
 * One published version of a profile, without its layers ({@code layerCount} of them); {@code sortKey} orders
 * versions by precedence and is what a page of versions continues after.
 */
public record VersionSnapshot(String name, String version, String sortKey, String type, String description,
        String contentHash, int layerCount, Instant createdAt, String createdBy) {
}
