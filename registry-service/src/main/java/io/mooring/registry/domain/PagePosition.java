package io.mooring.registry.domain;

import java.util.UUID;

/**
 * Where a page of clusters ends in its order ({@link ClusterSort}): the last cluster's sort key (an
 * {@link java.time.Instant} for creation time, a String for the name) and its id.
 */
public record PagePosition(Object key, UUID id) {
}
