package io.mooring.registry.domain;

import java.time.Instant;
import java.util.UUID;

/** Where a page of clusters ends: lists are ordered by creation time, then id. */
public record PagePosition(Instant createdAt, UUID id) {
}
