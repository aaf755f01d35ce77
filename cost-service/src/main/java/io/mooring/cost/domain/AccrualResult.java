package io.mooring.cost.domain;

import java.util.List;

/**
 * The cost lines of one inventory, ordered by hour, kind, node, namespace, workload and volume, with the
 * window they cover and what was left out (allocations on nodes the inventory does not list).
 */
public record AccrualResult(AccrualWindow window, List<CostLine> lines, List<String> warnings) {

    public AccrualResult {
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }
}
