package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of the rate card: the on-demand Linux price per hour of an instance type in a region, with the
 * type's size as the provider publishes it (informative: cost is split by the capacity the node reports).
 */
public record InstancePrice(Provider provider, String region, String instanceType, int vcpus,
        BigDecimal memoryGib, int gpus, BigDecimal hourly) {

    public InstancePrice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(memoryGib, "memoryGib");
        Money.requireRate(hourly, "hourly price of " + instanceType + " in " + region);
    }
}
