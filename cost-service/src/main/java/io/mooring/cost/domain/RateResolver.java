package io.mooring.cost.domain;

import io.mooring.events.CloudType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Answers the rates in force for a cluster: each unit rate from the cluster's override, else the project's,
 * else the installation default; instance prices from an override, else from the card when the cluster's
 * cloud type has a provider (aws and eks use the AWS card, azure and aks Azure, gcp and gke GCP) and the
 * node's type and region are on it. The card is used only if its currency is the installation's: prices are
 * never converted, a cluster falls back to unit rates instead and says why.
 */
public final class RateResolver {

    private final RateCard card;
    private final InstallationRates installation;

    public RateResolver(RateCard card, InstallationRates installation) {
        this.card = Objects.requireNonNull(card, "card");
        this.installation = Objects.requireNonNull(installation, "installation");
    }

    /** A resolver over the built-in card with the card's unit rates as the installation default. */
    public static RateResolver builtIn() {
        RateCard card = RateCardLoader.builtIn();
        return new RateResolver(card, InstallationRates.of(card));
    }

    public RateCard card() {
        return card;
    }

    public InstallationRates installation() {
        return installation;
    }

    /**
     * The rates in force for a cluster of {@code cloudType}.
     *
     * @param projectOverride the override of the cluster's project, or null
     * @param clusterOverride the override of the cluster itself, or null
     */
    public ClusterRates resolve(CloudType cloudType, RateOverride projectOverride, RateOverride clusterOverride) {
        Objects.requireNonNull(cloudType, "cloudType");
        RateOverride project = projectOverride == null ? RateOverride.NONE : projectOverride;
        RateOverride cluster = clusterOverride == null ? RateOverride.NONE : clusterOverride;
        UnitRates defaults = installation.defaults();

        Map<String, Rate> instancePrices = new HashMap<>();
        project.instancePrices().forEach((type, price) -> instancePrices.put(type, new Rate(price, RateSource.PROJECT_OVERRIDE)));
        cluster.instancePrices().forEach((type, price) -> instancePrices.put(type, new Rate(price, RateSource.CLUSTER_OVERRIDE)));

        RateCard usableCard = null;
        String reason = null;
        if (Provider.of(cloudType).isPresent()) {
            if (card.currency().equals(installation.currency())) {
                usableCard = card;
            } else {
                reason = "the rate card is in " + card.currency() + " and the installation in "
                        + installation.currency() + "; card prices are not converted";
            }
        }
        return new ClusterRates(installation.currency(), cloudType,
                pick(cluster, project, RateOverride::cpuCoreHour, defaults.cpuCoreHour()),
                pick(cluster, project, RateOverride::memoryGibHour, defaults.memoryGibHour()),
                pick(cluster, project, RateOverride::gpuHour, defaults.gpuHour()),
                pick(cluster, project, RateOverride::storageGibMonth, defaults.storageGibMonth()),
                instancePrices, usableCard, reason);
    }

    private static Rate pick(RateOverride cluster, RateOverride project, Function<RateOverride, BigDecimal> rate,
            BigDecimal installationDefault) {
        if (rate.apply(cluster) != null) {
            return new Rate(rate.apply(cluster), RateSource.CLUSTER_OVERRIDE);
        }
        if (rate.apply(project) != null) {
            return new Rate(rate.apply(project), RateSource.PROJECT_OVERRIDE);
        }
        return new Rate(installationDefault, RateSource.INSTALLATION_DEFAULT);
    }
}
