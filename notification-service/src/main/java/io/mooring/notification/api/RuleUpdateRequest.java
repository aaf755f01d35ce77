package io.mooring.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PATCH /api/v1/notification-rules/{id}}: a JSON merge patch, as a cluster's update is. A field left out (or
 * null) stays as it is. What the rule watches (project, trigger, cluster) is read only so that a client may send a
 * rule back as it read it; a different value is refused, naming the field, rather than ignored.
 */
@Schema(description = "A change to a notification rule. A field left out (or null) stays as it is.")
public record RuleUpdateRequest(
        @Schema(description = "Cannot be changed: if given, it must be the rule's project.", examples = "payments")
        String project,
        @Schema(description = "Cannot be changed: if given, it must be the rule's trigger.", examples = "health")
        String trigger,
        @Schema(description = "Cannot be changed: if given, it must be the rule's cluster (create another rule to"
                + " watch another cluster).")
        UUID clusterId,
        @Schema(description = "A new name, unique within the project.", examples = "prod health")
        @Size(min = 1, max = 100) String name,
        @Schema(description = "ISO-8601 duration, at most P7D. A change held in the quiet period running now is"
                + " still told when that period ends.", examples = "PT5M")
        @Pattern(regexp = "^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", message = "must be an ISO-8601"
                + " duration of days, hours, minutes and seconds, e.g. PT10M") String quietPeriod,
        @Schema(description = "Replaces a budget rule's amount and percentages as a whole; not allowed for other"
                + " triggers. A percentage already told this month is not told again.")
        @Valid RuleRequest.BudgetBody budget,
        @Schema(description = "Replaces the webhooks the rule names (ids of webhooks of its project, at most 20). An"
                + " empty list leaves them as they are, as absent does (generated clients send one); to send the"
                + " rule to every enabled webhook again, give `allWebhooks: true`.")
        @Size(max = 20) List<@NotNull UUID> webhooks,
        @Schema(description = "`true`: the rule names no webhooks any more and goes to every enabled webhook of the"
                + " project (not with `webhooks`). `false` only with `webhooks` naming some.")
        Boolean allWebhooks) {
}
