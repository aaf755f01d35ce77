package io.mooring.cost.domain;

import java.math.BigDecimal;

/**
 * A complete set of unit rates, in the installation's currency: what a core, a GiB of memory and a GPU cost
 * per hour, and what a GiB of persistent storage costs per month.
 */
public record UnitRates(BigDecimal cpuCoreHour, BigDecimal memoryGibHour, BigDecimal gpuHour,
        BigDecimal storageGibMonth) {

    public UnitRates {
        Money.requireRate(cpuCoreHour, "cpuCoreHour");
        Money.requireRate(memoryGibHour, "memoryGibHour");
        Money.requireRate(gpuHour, "gpuHour");
        Money.requireRate(storageGibMonth, "storageGibMonth");
    }
}
