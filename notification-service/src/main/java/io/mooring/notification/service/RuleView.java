package io.mooring.notification.service;

import java.math.BigDecimal;
import java.util.List;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A notification rule.")
public record RuleView(UUID id, String project, String name,
        @Schema(enumeration = {"connectivity", "health", "addon", "migration", "deletion", "budget"}) String trigger,
        @Schema(nullable = true) UUID clusterId,
        @Schema(description = "ISO-8601 duration.", examples = "PT10M") String quietPeriod,
        @Schema(nullable = true) BudgetView budget,
        String createdBy, Instant createdAt) {

    @Schema(description = "A monthly budget and the percentages of it to alert at.")
    public record BudgetView(BigDecimal monthlyAmount, List<Integer> thresholds) {
    }
}
