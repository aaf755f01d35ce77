package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** Quantities over a line's period, at {@link Money#SCALE}: core-hours, GiB-hours, GPU-hours, storage GiB-hours. */
public record ResourceHours(BigDecimal cpuCoreHours, BigDecimal memoryGibHours, BigDecimal gpuHours,
        BigDecimal storageGibHours) {

    public static final ResourceHours ZERO = new ResourceHours(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public ResourceHours {
        Objects.requireNonNull(cpuCoreHours, "cpuCoreHours");
        Objects.requireNonNull(memoryGibHours, "memoryGibHours");
        Objects.requireNonNull(gpuHours, "gpuHours");
        Objects.requireNonNull(storageGibHours, "storageGibHours");
    }
}
