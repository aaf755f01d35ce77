package io.mooring.health.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the agent is reporting at all, and reporting its inventory: heartbeats alone (an inventory refused
 * for its size, say) would leave every other check judging an old picture.
 */
public final class AgentConnectedCheck implements HealthCheck {

    public static final String NAME = "agent-connected";

    private final HealthThresholds thresholds;

    public AgentConnectedCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsInventory() {
        return false;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        return switch (ctx.connectivity()) {
            case PENDING -> CheckResult.warn(NAME, "The agent has not connected yet");
            case DISCONNECTED -> CheckResult.fail(NAME, ctx.lastHeartbeat() == null
                    ? "No heartbeat from the agent"
                    : "No heartbeat from the agent for " + Messages.duration(age(ctx.lastHeartbeat(), ctx))
                            + " (last at " + ctx.lastHeartbeat() + ")");
            case CONNECTED -> connected(ctx);
        };
    }

    private CheckResult connected(HealthContext ctx) {
        if (!ctx.hasInventory()) {
            return CheckResult.warn(NAME, "The agent is connected but has not reported an inventory yet");
        }
        if (ctx.inventoryObservedAt() != null) {
            Duration inventoryAge = age(ctx.inventoryObservedAt(), ctx);
            if (inventoryAge.compareTo(thresholds.inventoryStaleAfter()) > 0) {
                return CheckResult.warn(NAME, "The agent sends heartbeats but its latest inventory is "
                        + Messages.duration(inventoryAge) + " old (observed at " + ctx.inventoryObservedAt() + ")");
            }
        }
        return CheckResult.pass(NAME, ctx.lastHeartbeat() == null
                ? "The agent is connected"
                : "The agent is connected; last heartbeat " + Messages.duration(age(ctx.lastHeartbeat(), ctx)) + " ago");
    }

    private static Duration age(Instant since, HealthContext ctx) {
        Duration d = Duration.between(since, ctx.now());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
