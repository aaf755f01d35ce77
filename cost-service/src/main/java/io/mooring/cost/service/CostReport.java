package io.mooring.cost.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cost report: rows per group (and per time bucket with a step), and totals per currency (one currency
 * unless the installation changed its currency inside the window). Amounts are exact sums of the cost lines,
 * nine decimals, unrounded; efficiency is used ÷ cost, null when nothing cost anything.
 *
 * @param window the window as asked ({@code 7d}), null when given as from/to
 * @param from   the start of the window covered, on the hour
 * @param to     its end (exclusive), on the hour
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostReport(UUID clusterId, Instant from, Instant to, String window, String aggregate, String step,
        List<Row> rows, List<Totals> totals) {

    /** One group (in one bucket); {@code properties} describe the group, as listed for its aggregate. */
    public record Row(String name, Instant start, Instant end, Map<String, String> properties, String currency,
            BigDecimal cpuCost, BigDecimal memoryCost, BigDecimal gpuCost, BigDecimal storageCost, BigDecimal idleCost,
            BigDecimal totalCost, BigDecimal usedCost, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal efficiency,
            BigDecimal cpuCoreHours, BigDecimal memoryGibHours, BigDecimal gpuHours, BigDecimal storageGibHours) {
    }

    public record Totals(String currency, BigDecimal cpuCost, BigDecimal memoryCost, BigDecimal gpuCost,
            BigDecimal storageCost, BigDecimal idleCost, BigDecimal totalCost, BigDecimal usedCost,
            @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal efficiency, BigDecimal cpuCoreHours,
            BigDecimal memoryGibHours, BigDecimal gpuHours, BigDecimal storageGibHours) {
    }
}
