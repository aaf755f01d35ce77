package io.mooring.cost.api;

import io.mooring.cost.domain.Money;
import io.mooring.cost.service.CostReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A report in the shape of OpenCost's {@code /allocation} response ({@code {code, data: [ {name: allocation} ]}},
 * one set per step), for dashboards built on it. Memory and storage are in byte-hours there. Not to be confused with
 * an inventory's {@code io.mooring.events.inventory.Allocation} (what a workload requests and uses on a node).
 */
final class OpenCostAllocation {

    /** The whole answer: OpenCost's envelope, {@code data} one set of allocations per step, keyed by name. */
    @Schema(name = "OpenCostAllocationResponse")
    record AllocationResponse(
            @Schema(description = "Always 200, as OpenCost answers", examples = "200") int code,
            @Schema(examples = "success") String status,
            @Schema(description = "One allocation set per step (one without a step; one empty set when nothing "
                    + "accrued)")
            List<Map<String, Allocation>> data) {
    }

    /** One group's cost in one step, in OpenCost's units (memory and storage in byte-hours). */
    @Schema(name = "OpenCostAllocation")
    record Allocation(String name,
            @Schema(description = "cluster, then the group's properties in OpenCost's names (controllerKind, "
                    + "controller for a workload's kind and name); properties without a value are left out")
            Map<String, String> properties,
            Window window, Instant start, Instant end, BigDecimal cpuCoreHours, BigDecimal cpuCost,
            BigDecimal gpuHours, BigDecimal gpuCost, BigDecimal ramByteHours, BigDecimal ramCost,
            BigDecimal pvByteHours, BigDecimal pvCost, BigDecimal totalCost,
            @Schema(description = "used cost ÷ total cost; 0 when nothing cost anything") BigDecimal totalEfficiency,
            String currency) {
    }

    @Schema(name = "OpenCostWindow")
    record Window(Instant start, Instant end) {
    }

    private OpenCostAllocation() {
    }

    static AllocationResponse of(CostReport report, UUID clusterId) {
        Map<Instant, Map<String, Allocation>> sets = new LinkedHashMap<>();
        for (CostReport.Row row : report.rows()) {
            Map<String, Allocation> set = sets.computeIfAbsent(row.start(), s -> new LinkedHashMap<>());
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("cluster", clusterId.toString());
            row.properties().forEach((key, value) -> {
                if (value != null) {
                    switch (key) {
                        case "workloadKind" -> properties.put("controllerKind", value);
                        case "workloadName" -> properties.put("controller", value);
                        case "clusterId", "clusterName" -> {
                        }
                        default -> properties.put(key, value);
                    }
                }
            });
            set.put(row.name(), new Allocation(row.name(), properties, new Window(row.start(), row.end()),
                    row.start(), row.end(), row.cpuCoreHours(), row.cpuCost(), row.gpuHours(), row.gpuCost(),
                    bytes(row.memoryGibHours()), row.memoryCost(), bytes(row.storageGibHours()), row.storageCost(),
                    row.totalCost(), row.efficiency() == null ? BigDecimal.ZERO : row.efficiency(), row.currency()));
        }
        List<Map<String, Allocation>> data = new ArrayList<>(sets.values());
        if (data.isEmpty()) {
            data.add(Map.of());
        }
        return new AllocationResponse(200, "success", data);
    }

    private static BigDecimal bytes(BigDecimal gibHours) {
        return gibHours.multiply(Money.BYTES_PER_GIB).setScale(0, RoundingMode.HALF_EVEN);
    }
}
