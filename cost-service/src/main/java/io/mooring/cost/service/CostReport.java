package io.mooring.cost.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(description = "A cost report; amounts are exact sums in the installation currency, unrounded")
public record CostReport(
        @Schema(description = "The cluster, for a cluster's report; absent in a fleet report") UUID clusterId,
        @Schema(description = "The start of the window covered, on the hour") Instant from,
        @Schema(description = "The end of the window covered (exclusive), on the hour") Instant to,
        @Schema(description = "The window as asked (7d); absent when given as from/to") String window,
        @Schema(description = "What the rows are grouped by (label:<key> for a label)", examples = "namespace")
        String aggregate,
        @Schema(description = "hour or day; absent without a step", enumeration = {"hour", "day"}) String step,
        @Schema(description = "One row per group (per group and bucket with a step), by start, then cost, then name")
        List<Row> rows,
        @Schema(description = "The sums, one per currency (one unless the currency changed inside the window)")
        List<Totals> totals) {

    /** One group (in one bucket); {@code properties} describe the group, as listed for its aggregate. */
    @Schema(name = "CostReportRow")
    public record Row(
            @Schema(description = "The group: a namespace, node, workload (namespace/kind/name), label value, cluster "
                    + "id, project or provider; __idle__ for idle capacity, __unallocated__ for what has no value of "
                    + "the label, __storage__ for claims on no node") String name, Instant start, Instant end,
            @Schema(description = "What describes the group, by aggregate: cluster: clusterId, clusterName, project, "
                    + "provider, cloudType, deleted; node: clusterId, clusterName, node; workload: namespace, "
                    + "workloadKind, workloadName; label: labelKey, labelValue (null for __idle__ and "
                    + "__unallocated__); namespace, project, provider: the one of that name")
            Map<String, String> properties, String currency,
            BigDecimal cpuCost, BigDecimal memoryCost, BigDecimal gpuCost, BigDecimal storageCost, BigDecimal idleCost,
            BigDecimal totalCost, BigDecimal usedCost, @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(nullable = true, description = "usedCost ÷ totalCost; null when nothing cost anything")
            BigDecimal efficiency,
            BigDecimal cpuCoreHours, BigDecimal memoryGibHours, BigDecimal gpuHours, BigDecimal storageGibHours) {
    }

    @Schema(name = "CostReportTotals")
    public record Totals(String currency, BigDecimal cpuCost, BigDecimal memoryCost, BigDecimal gpuCost,
            BigDecimal storageCost, BigDecimal idleCost, BigDecimal totalCost, BigDecimal usedCost,
            @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(nullable = true, description = "usedCost ÷ totalCost; null when nothing cost anything")
            BigDecimal efficiency, BigDecimal cpuCoreHours,
            BigDecimal memoryGibHours, BigDecimal gpuHours, BigDecimal storageGibHours) {
    }
}
