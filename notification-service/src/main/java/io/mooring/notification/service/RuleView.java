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
        @Schema(description = "The webhooks the rule names, oldest first; empty when it names none.")
        List<UUID> webhooks,
        @Schema(description = "True: the rule goes to every enabled webhook of the project (it names none). False"
                + " with no webhooks: every webhook it named was deleted, and it goes nowhere until replaced.")
        boolean allWebhooks,
        String createdBy, Instant createdAt) {

    @Schema(description = "A monthly budget and the percentages of it to alert at.")
    public record BudgetView(BigDecimal monthlyAmount, List<Integer> thresholds) {
    }
}
