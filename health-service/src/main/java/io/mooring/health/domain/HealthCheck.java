package io.mooring.health.domain;

/**
 * One named health rule. Implementations are plain, stateless and side-effect free: they read the context
 * and describe what they find. The names are stable identifiers that history and UIs key on.
 */
public interface HealthCheck {

    String name();

    CheckResult check(HealthContext context);

    /**
     * Whether the check judges the inventory. The evaluator runs such checks only for a connected cluster
     * with an inventory: judging a silent cluster by its last report would show stale problems as current.
     */
    default boolean needsInventory() {
        return true;
    }
}
