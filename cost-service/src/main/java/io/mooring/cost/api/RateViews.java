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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the rate-card API. */
public final class RateViews {

    private RateViews() {
    }

    /** The installation rates in force; {@code source} is {@code configuration} or {@code api} (an admin set them). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstallationRatesView(String currency, BigDecimal cpuCoreHour, BigDecimal memoryGibHour,
            BigDecimal gpuHour, BigDecimal storageGibMonth,
            @Schema(enumeration = {"configuration", "api"}) String source,
            @Schema(description = "When an admin set them; absent for the configured rates") Instant updatedAt,
            @Schema(description = "Who set them; absent for the configured rates") String updatedBy) {
    }

    /**
     * A project's override ({@code project}) or a cluster's ({@code clusterId}, {@code clusterName}); an absent rate
     * is not overridden.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverrideView(@Schema(description = "For a project's override") String project,
            @Schema(description = "For a cluster's override") UUID clusterId,
            @Schema(description = "For a cluster's override") String clusterName, BigDecimal cpuCoreHour,
            BigDecimal memoryGibHour, BigDecimal gpuHour, BigDecimal storageGibMonth,
            @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(description = "Price per hour by instance type (lower case); empty when none")
            Map<String, BigDecimal> instancePrices, Instant updatedAt,
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
    public record CardView(@Schema(description = "Where the prices come from") String source,
            @Schema(description = "The date the prices are of") LocalDate asOf, String currency, String notes,
            @Schema(description = "built-in, or the file an admin configured") String location,
            @Schema(description = "The card's own unit rates") UnitRates unitRates,
            @Schema(description = "Whether the card's currency is the installation's") boolean usable,
            @Schema(description = "How many instance prices the card has") int instancePrices,
            @Schema(description = "The matching prices; only on GET /api/v1/rate-cards/card")
            List<InstancePriceView> prices) {
    }

    public record RateCardsView(InstallationRatesView defaults,
            @Schema(description = "How a node's compute cost divides between CPU and memory", examples = "65:35")
            String cpuMemoryWeight,
            @Schema(description = "The longest time one inventory is billed for (ISO-8601 duration)", examples = "PT2H")
            String maxGap, CardView card,
            List<OverrideView> projects, List<OverrideView> clusters) {
    }

    /** A rate in force and where it comes from. */
    public record RateView(BigDecimal value, RateSource source) {

        static RateView of(Rate rate) {
            return rate == null ? null : new RateView(rate.value(), rate.source());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CardUseView(String source, LocalDate asOf, String currency,
            @Schema(description = "Whether the card's prices apply to this cluster") boolean applies,
            @Schema(description = "Why they do not; absent when they apply") String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeRateView(String node, String instanceType, String region, PricingBasis basis,
            @Schema(description = "The node's cost per hour") BigDecimal hourly,
            @Schema(description = "Of which CPU and memory") BigDecimal computeHourly,
            @Schema(description = "Of which GPUs") BigDecimal gpuHourly,
            @Schema(description = "The instance price used; absent on unit rates") RateView instancePrice,
            @Schema(description = "Why the node is on unit rates; absent on an instance price") String reason) {
    }

    /** The rates in force for one cluster, each with its source, and what each node of its last inventory costs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterRatesView(UUID clusterId, String clusterName, String project, String cloudType,
            boolean deleted, String currency, String cpuMemoryWeight,
            @Schema(description = "cpuCoreHour, memoryGibHour, gpuHour and storageGibMonth")
            Map<String, RateView> unitRates,
            @Schema(description = "Overridden instance prices by instance type") Map<String, RateView> instancePrices,
            CardUseView card,
            @Schema(description = "The nodes of the cluster's last inventory, priced") List<NodeRateView> nodes) {
    }
}
