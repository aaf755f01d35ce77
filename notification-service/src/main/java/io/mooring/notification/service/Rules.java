package io.mooring.notification.service;

import io.mooring.notification.domain.Budget;
import io.mooring.notification.repository.RuleRecord;
import java.util.Arrays;
import java.util.List;

/** The stored form of a rule's budget. */
final class Rules {

    private Rules() {
    }

    static Budget budgetOf(RuleRecord rule) {
        return new Budget(rule.budgetAmount, thresholds(rule.budgetThresholds));
    }

    static List<Integer> thresholds(String stored) {
        return stored == null || stored.isBlank() ? List.of()
                : Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    static String stored(List<Integer> thresholds) {
        return String.join(",", thresholds.stream().map(String::valueOf).toList());
    }
}
