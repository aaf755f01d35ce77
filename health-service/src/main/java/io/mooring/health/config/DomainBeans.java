package io.mooring.health.config;

import io.mooring.health.domain.ConnectivityTracker;
import io.mooring.health.domain.EvaluationSchedule;
import io.mooring.health.domain.HealthRules;
import io.mooring.health.domain.HealthThresholds;
import io.mooring.health.domain.KubernetesVersion;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The domain objects, built once from configuration (the clock is service-support's {@code Clocks}). */
public class DomainBeans {

    /** The value application.properties ships; fine on a laptop, never in a shared installation. */

    @Produces
    @Singleton
    HealthThresholds thresholds(HealthConfig config) {
        HealthConfig.Thresholds t = config.thresholds();
        KubernetesVersion minimum = KubernetesVersion.parse(t.minimumKubernetesVersion())
                .orElseThrow(() -> new IllegalArgumentException(
                        "mooring.health.thresholds.minimum-kubernetes-version is not a version: "
                                + t.minimumKubernetesVersion()));
        return new HealthThresholds(t.disconnectedAfter(), t.inventoryStaleAfter(), t.nodesNotReadyFailRatio(),
                t.nodesUnderPressureFailRatio(), t.crashLoopRestarts(), t.pendingTooLongAfter(), t.systemNamespaces(),
                minimum, t.maxNamesInMessage());
    }

    @Produces
    @Singleton
    HealthRules rules(HealthThresholds thresholds) {
        return new HealthRules(thresholds);
    }

    @Produces
    @Singleton
    ConnectivityTracker tracker(HealthThresholds thresholds) {
        return new ConnectivityTracker(thresholds.disconnectedAfter());
    }

    @Produces
    @Singleton
    EvaluationSchedule schedule(HealthThresholds thresholds, HealthConfig config) {
        return new EvaluationSchedule(thresholds, config.thresholds().reevaluateEvery());
    }
}
