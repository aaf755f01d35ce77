package io.mooring.agent.domain;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Kubernetes quantities as the inventory counts them: CPU in millicores, everything else in whole units. */
public final class Quantities {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    /** {@code 250m} → 250, {@code 2} → 2000, {@code 100u} → 1 (rounded up, as the scheduler does). */
    public static long cpuMillis(Quantity quantity) {
        if (quantity == null || quantity.getAmount() == null) {
            return 0;
        }
        try {
            return quantity.getNumericalAmount().multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return 0;
        }
    }

    /** {@code 128Mi} → 134217728; memory, storage, pods and GPUs alike. Unparseable amounts count as 0. */
    public static long units(Quantity quantity) {
        if (quantity == null || quantity.getAmount() == null) {
            return 0;
        }
        try {
            return quantity.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return 0;
        }
    }

    /** Whole GPUs of any vendor ({@code nvidia.com/gpu}, {@code amd.com/gpu}, {@code gpu.intel.com/i915}). */
    public static long gpus(Map<String, Quantity> resources) {
        if (resources == null) {
            return 0;
        }
        long gpus = 0;
        for (Map.Entry<String, Quantity> entry : resources.entrySet()) {
            String name = entry.getKey();
            if (name.endsWith("/gpu") || name.startsWith("gpu.intel.com/")) {
                gpus += units(entry.getValue());
            }
        }
        return gpus;
    }
}
