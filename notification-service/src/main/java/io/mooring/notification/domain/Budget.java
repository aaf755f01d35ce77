package io.mooring.notification.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalInt;

/**
 * A monthly budget and the percentages of it a rule alerts at. Each percentage is told once a month: when cost
 * jumps past several at once, only the highest is told (the lower ones would say less, later).
 */
public record Budget(BigDecimal monthlyAmount, List<Integer> thresholds) {

    public Budget {
        if (monthlyAmount == null || monthlyAmount.signum() <= 0) {
            throw new IllegalArgumentException("The monthly amount must be above zero");
        }
        if (thresholds == null || thresholds.isEmpty()) {
            throw new IllegalArgumentException("At least one percentage is needed");
        }
        if (thresholds.stream().anyMatch(t -> t == null || t < 1 || t > 1000)) {
            throw new IllegalArgumentException("Percentages are whole numbers from 1 to 1000");
        }
        thresholds = thresholds.stream().distinct().sorted().toList();
    }

    /** Cost as a whole percentage of the budget, rounded down (79.99 % has not crossed 80 %). */
    public int percentOf(BigDecimal cost) {
        return cost.multiply(BigDecimal.valueOf(100)).divide(monthlyAmount, 0, RoundingMode.DOWN).intValueExact();
    }

    /** The highest percentage {@code cost} has reached that is above {@code alreadyTold}; empty when none. */
    public OptionalInt newlyCrossed(BigDecimal cost, int alreadyTold) {
        int percent = percentOf(cost);
        return thresholds.stream().mapToInt(Integer::intValue)
                .filter(t -> t <= percent && t > alreadyTold)
                .max();
    }
}
