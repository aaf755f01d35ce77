package io.mooring.registry.api.dto;

import io.mooring.registry.service.ClusterService;
import java.util.List;

/** One page of clusters; pass {@code nextCursor} as {@code cursor} for the next one (null on the last page). */
public record ClusterPage(List<ClusterView> items, String nextCursor) {

    public static ClusterPage of(ClusterService.Page page) {
        return new ClusterPage(page.items().stream().map(ClusterView::of).toList(), page.nextCursor());
    }
}
