package io.mooring.registry.api.dto;

import io.mooring.registry.service.ClusterService;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of clusters; pass {@code nextCursor} as {@code cursor} for the next one (null on the last page). */
@Schema(requiredProperties = { "items" })
public record ClusterPage(List<ClusterView> items,
        @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last page.")
        String nextCursor) {

    public static ClusterPage of(ClusterService.Page page) {
        return new ClusterPage(page.items().stream().map(ClusterView::of).toList(), page.nextCursor());
    }
}
