package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a node's compute cost (all but its GPUs) divides between CPU and memory, e.g. 65:35. A workload's
 * share of a node is {@code cpuShare × cpuFraction + memoryShare × memoryFraction}. Only the ratio matters:
 * 65:35, 13:7 and 0.65:0.35 are the same weight.
 */
public record CpuMemoryWeight(BigDecimal cpu, BigDecimal memory) {

    /**
     * 65:35 is what the default unit rates give a general-purpose node with 4 GiB per core
     * (0.031611 × 2 cores : 0.004237 × 8 GiB ≈ 65:35), the shape most cloud list prices are built on.
     */
    public static final CpuMemoryWeight DEFAULT = of(65, 35);

    public CpuMemoryWeight {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        if (cpu.signum() < 0 || memory.signum() < 0 || cpu.add(memory).signum() == 0) {
            throw new IllegalArgumentException("CPU:memory weight needs two non-negative parts, not both zero: "
                    + cpu.toPlainString() + ":" + memory.toPlainString());
        }
    }

    public static CpuMemoryWeight of(long cpu, long memory) {
        return new CpuMemoryWeight(BigDecimal.valueOf(cpu), BigDecimal.valueOf(memory));
    }

    /** Parses the configuration form {@code "65:35"}. */
    public static CpuMemoryWeight parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("CPU:memory weight must look like 65:35, not '" + text + "'");
        }
        try {
            return new CpuMemoryWeight(new BigDecimal(parts[0].trim()), new BigDecimal(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CPU:memory weight must look like 65:35, not '" + text + "'");
        }
    }

    /** The CPU part as a fraction of one (0.65 for 65:35). */
    public BigDecimal cpuShare() {
        return cpu.divide(cpu.add(memory), Money.MC);
    }

    @Override
    public String toString() {
        return cpu.toPlainString() + ":" + memory.toPlainString();
    }
}
