package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rates set for a project or for one cluster. Every field is optional: a null rate is not overridden and
 * falls through to the next level (cluster, then project, then the installation default).
 *
 * <p>{@code instancePrices} (instance type → price per hour) lets an admin state what a node type really
 * costs (a negotiated discount, or a known price for on-prem hardware). It wins over the card, for any
 * cloud type, whenever a node reports that instance type; matching ignores case.
 */
public record RateOverride(BigDecimal cpuCoreHour, BigDecimal memoryGibHour, BigDecimal gpuHour,
        BigDecimal storageGibMonth, Map<String, BigDecimal> instancePrices) {

    public static final RateOverride NONE = new RateOverride(null, null, null, null, Map.of());

    public RateOverride {
        if (cpuCoreHour != null) {
            Money.requireRate(cpuCoreHour, "cpuCoreHour");
        }
        if (memoryGibHour != null) {
            Money.requireRate(memoryGibHour, "memoryGibHour");
        }
        if (gpuHour != null) {
            Money.requireRate(gpuHour, "gpuHour");
        }
        if (storageGibMonth != null) {
            Money.requireRate(storageGibMonth, "storageGibMonth");
        }
        TreeMap<String, BigDecimal> prices = new TreeMap<>();
        if (instancePrices != null) {
            instancePrices.forEach((type, price) -> {
                if (type == null || type.isBlank()) {
                    throw new IllegalArgumentException("instancePrices: instance type is required");
                }
                prices.put(type.trim().toLowerCase(Locale.ROOT), Money.requireRate(price, "instancePrices." + type));
            });
        }
        instancePrices = Collections.unmodifiableSortedMap(prices);
    }

    /** Unit rates only. */
    public static RateOverride of(BigDecimal cpuCoreHour, BigDecimal memoryGibHour, BigDecimal gpuHour,
            BigDecimal storageGibMonth) {
        return new RateOverride(cpuCoreHour, memoryGibHour, gpuHour, storageGibMonth, Map.of());
    }

    Optional<BigDecimal> instancePrice(String instanceType) {
        if (instanceType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(instancePrices.get(instanceType.trim().toLowerCase(Locale.ROOT)));
    }
}
