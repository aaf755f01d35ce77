package io.mooring.events.addons;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a {@link StatusReport}: how many layers changed state, and the updates that were ignored
 * and why (an attachment that was detached meanwhile, a layer it does not have, an older generation).
 */
public record StatusReportResult(int changed, List<Ignored> ignored) {

    public StatusReportResult {
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    public record Ignored(UUID attachmentId, String layer, String reason) {
    }
}
