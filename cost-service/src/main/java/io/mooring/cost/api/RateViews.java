package io.mooring.cost.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.cost.domain.InstancePrice;
import io.mooring.cost.domain.PricingBasis;
import io.mooring.cost.domain.Rate;
import io.mooring.cost.domain.RateSource;
import io.mooring.cost.domain.UnitRates;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the rate-card API. */
public final class RateViews {

    private RateViews() {
    }

    /** The installation rates in force; {@code source} is {@code configuration} or {@code api} (an admin set them). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstallationRatesView(String currency, BigDecimal cpuCoreHour, BigDecimal memoryGibHour,
            BigDecimal gpuHour, BigDecimal storageGibMonth, String source, Instant updatedAt, String updatedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverrideView(String project, UUID clusterId, String clusterName, BigDecimal cpuCoreHour,
            BigDecimal memoryGibHour, BigDecimal gpuHour, BigDecimal storageGibMonth,
            @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BigDecimal> instancePrices, Instant updatedAt,
            String updatedBy) {
    }

    public record InstancePriceView(String provider, String region, String instanceType, int vcpus,
            BigDecimal memoryGib, int gpus, BigDecimal hourly) {

        static InstancePriceView of(InstancePrice price) {
            return new InstancePriceView(price.provider().id(), price.region(), price.instanceType(), price.vcpus(),
                    price.memoryGib(), price.gpus(), price.hourly());
        }
    }

    /**
     * The rate card: where its prices come from and as of when; {@code usable} says whether its currency is the
     * installation's (prices are never converted). {@code prices} only on {@code GET /rate-cards/card}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CardView(String source, LocalDate asOf, String currency, String notes, String location,
            UnitRates unitRates, boolean usable, int instancePrices, List<InstancePriceView> prices) {
    }

    public record RateCardsView(InstallationRatesView defaults, String cpuMemoryWeight, String maxGap, CardView card,
            List<OverrideView> projects, List<OverrideView> clusters) {
    }

    public record RateView(BigDecimal value, RateSource source) {

        static RateView of(Rate rate) {
            return rate == null ? null : new RateView(rate.value(), rate.source());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CardUseView(String source, LocalDate asOf, String currency, boolean applies, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeRateView(String node, String instanceType, String region, PricingBasis basis,
            BigDecimal hourly, BigDecimal computeHourly, BigDecimal gpuHourly, RateView instancePrice, String reason) {
    }

    /** The rates in force for one cluster, each with its source, and what each node of its last inventory costs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterRatesView(UUID clusterId, String clusterName, String project, String cloudType,
            boolean deleted, String currency, String cpuMemoryWeight, Map<String, RateView> unitRates,
            Map<String, RateView> instancePrices, CardUseView card, List<NodeRateView> nodes) {
    }
}
