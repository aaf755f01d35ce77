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

/**
 * A report in the shape of OpenCost's {@code /allocation} response ({@code {code, data: [ {name: allocation} ]}},
 * one set per step), for dashboards built on it. Memory and storage are in byte-hours there. Not to be confused with
 * an inventory's {@code io.mooring.events.inventory.Allocation} (what a workload requests and uses on a node).
 */
final class OpenCostAllocation {

    private OpenCostAllocation() {
    }

    static Map<String, Object> of(CostReport report, UUID clusterId) {
        Map<Instant, Map<String, Object>> sets = new LinkedHashMap<>();
        for (CostReport.Row row : report.rows()) {
            Map<String, Object> set = sets.computeIfAbsent(row.start(), s -> new LinkedHashMap<>());
            Map<String, Object> properties = new LinkedHashMap<>();
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
            Map<String, Object> allocation = new LinkedHashMap<>();
            allocation.put("name", row.name());
            allocation.put("properties", properties);
            allocation.put("window", Map.of("start", row.start().toString(), "end", row.end().toString()));
            allocation.put("start", row.start().toString());
            allocation.put("end", row.end().toString());
            allocation.put("cpuCoreHours", row.cpuCoreHours());
            allocation.put("cpuCost", row.cpuCost());
            allocation.put("gpuHours", row.gpuHours());
            allocation.put("gpuCost", row.gpuCost());
            allocation.put("ramByteHours", bytes(row.memoryGibHours()));
            allocation.put("ramCost", row.memoryCost());
            allocation.put("pvByteHours", bytes(row.storageGibHours()));
            allocation.put("pvCost", row.storageCost());
            allocation.put("totalCost", row.totalCost());
            allocation.put("totalEfficiency", row.efficiency() == null ? BigDecimal.ZERO : row.efficiency());
            allocation.put("currency", row.currency());
            set.put(row.name(), allocation);
        }
        List<Map<String, Object>> data = new ArrayList<>(sets.values());
        if (data.isEmpty()) {
            data.add(Map.of());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("code", 200);
        response.put("status", "success");
        response.put("data", data);
        return response;
    }

    private static BigDecimal bytes(BigDecimal gibHours) {
        return gibHours.multiply(Money.BYTES_PER_GIB).setScale(0, RoundingMode.HALF_EVEN);
    }
}
