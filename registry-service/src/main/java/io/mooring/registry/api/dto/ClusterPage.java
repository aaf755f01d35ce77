package io.mooring.registry.api.dto;

import java.util.List;

/** One page of clusters; pass {@code nextCursor} as {@code cursor} for the next one (null on the last page). */
public record ClusterPage(List<ClusterView> items, String nextCursor) {
}
