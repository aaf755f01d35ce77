package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one node costs per hour and why. The hourly cost is split into a GPU part and a compute part (CPU and
 * memory); accrual divides the compute part between CPU and memory with the configured weight.
 *
 * @param instancePrice the instance price and its source when {@code basis} is INSTANCE_PRICE, else null
 * @param reason        why the node is priced by unit rates (generic cluster, type not on the card, ...);
 *                      null when it has an instance price
 */
public record NodeRate(
        String node,
        String instanceType,
        String region,
        PricingBasis basis,
        Rate instancePrice,
        BigDecimal hourly,
        BigDecimal computeHourly,
        BigDecimal gpuHourly,
        String reason) {

    public NodeRate {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(computeHourly, "computeHourly");
        Objects.requireNonNull(gpuHourly, "gpuHourly");
        if ((basis == PricingBasis.INSTANCE_PRICE) != (instancePrice != null)) {
            throw new IllegalArgumentException("instancePrice is set exactly when the basis is INSTANCE_PRICE");
        }
        if (computeHourly.add(gpuHourly).compareTo(hourly) != 0) {
            throw new IllegalArgumentException("computeHourly + gpuHourly must equal hourly");
        }
    }
}
