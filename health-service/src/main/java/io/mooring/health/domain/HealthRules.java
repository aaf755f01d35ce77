package io.mooring.health.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health rule set, pure: runs the checks on a cluster and aggregates them (the service side that stores and
 * publishes the outcome is {@code AssessmentRecorder}): any fail makes it Unhealthy, else any warn Degraded,
 * else Healthy. A cluster that is not Connected, or has no inventory yet, is Unknown whatever its last
 * inventory said; only the checks that do not need an inventory (agent-connected) run then, so the
 * results still say why.
 */
public final class HealthRules {

    private final List<HealthCheck> checks;

    public HealthRules(HealthThresholds thresholds) {
        this(standardChecks(thresholds));
    }

    public HealthRules(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks the issue asks for, in the order they are reported. */
    public static List<HealthCheck> standardChecks(HealthThresholds thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        return List.of(
                new AgentConnectedCheck(thresholds),
                new NodeReadinessCheck(thresholds),
                new NodePressureCheck(thresholds),
                new SystemWorkloadsCheck(thresholds),
                new CrashLoopingPodsCheck(thresholds),
                new PendingPodsCheck(thresholds),
                new KubernetesVersionCheck(thresholds));
    }

    public List<HealthCheck> checks() {
        return checks;
    }

    public HealthAssessment evaluate(HealthContext ctx) {
        boolean judgeable = ctx.connectivity() == Connectivity.CONNECTED && ctx.hasInventory();
        List<CheckResult> results = new ArrayList<>(checks.size());
        CheckStatus worst = CheckStatus.PASS;
        for (HealthCheck check : checks) {
            if (!judgeable && check.needsInventory()) {
                continue;
            }
            CheckResult result = run(check, ctx);
            results.add(result);
            worst = worst.worse(result.status());
        }
        HealthStatus status = judgeable ? HealthStatus.of(worst) : HealthStatus.UNKNOWN;
        return new HealthAssessment(status, ctx.connectivity(), results, ctx.now());
    }

    /** Evaluates and compares with the stored status in one step; empty when the status did not change. */
    public Optional<HealthTransition> evaluateChange(HealthStatus previous, HealthContext ctx) {
        return HealthTransition.between(previous, evaluate(ctx));
    }

    // One broken rule (or one malformed report it trips on) must not stop the others or the sweep over the
    // fleet, nor call the cluster Unhealthy for a fault of ours: it warns and says so. The exception's own
    // message stays out: it describes our code, and this text is published to users.
    private static CheckResult run(HealthCheck check, HealthContext ctx) {
        try {
            CheckResult result = check.check(ctx);
            return result != null ? result : CheckResult.warn(check.name(), "The check returned no result");
        } catch (RuntimeException e) {
            return CheckResult.warn(check.name(), "The check could not be evaluated (" + e.getClass().getSimpleName() + ")");
        }
    }
}
