package io.mooring.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A notification rule to create.")
public record RuleRequest(
        @Schema(description = "The project the rule watches; the caller must be a member.", examples = "payments")
        @NotBlank @Size(max = 63) String project,
        @Schema(description = "Unique within the project.", examples = "prod health")
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "What the rule watches.", enumeration = {"connectivity", "health", "addon", "migration",
            "deletion", "budget"}, examples = "health")
        @NotNull @Pattern(regexp = "connectivity|health|addon|migration|deletion|budget",
                message = "must be one of connectivity, health, addon, migration, deletion, budget") String trigger,
        @Schema(description = "Only this cluster of the project; every cluster of it when absent. For a budget rule:"
                + " a cluster budget rather than the project's.")
        UUID clusterId,
        @Schema(description = "ISO-8601 duration: after an alert, changes of the same thing are held this long and"
                + " only the state it is in then is told (connectivity, health, addon). Default PT10M.",
                examples = "PT10M")
        @Pattern(regexp = "^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", message = "must be an ISO-8601"
                + " duration of days, hours, minutes and seconds, e.g. PT10M") String quietPeriod,
        @Schema(description = "Required for trigger budget, not allowed otherwise.")
        @Valid BudgetBody budget,
        @Schema(description = "Ids of webhooks of the project to send the rule's alerts to (at most 20); absent or"
                + " empty: every enabled webhook of the project.")
        @Size(max = 20) List<@NotNull UUID> webhooks) {

    @Schema(description = "A monthly budget and the percentages of it to alert at.")
    public record BudgetBody(
            @Schema(description = "The month's budget, in the installation's currency.", examples = "5000")
            @NotNull BigDecimal monthlyAmount,
            @Schema(description = "Whole percentages, each alerted once a month.", examples = "[80, 100]")
            @NotNull @Size(min = 1, max = 10) List<@NotNull Integer> thresholds) {
    }
}
