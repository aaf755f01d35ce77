package io.mooring.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private final Budget budget = new Budget(new BigDecimal("1000"), List.of(100, 50, 80, 80));

    @Test
    void percentagesAreSortedAndDistinct() {
        assertThat(budget.thresholds()).containsExactly(50, 80, 100);
    }

    @Test
    void aPercentageIsOnlyCrossedOnceReachedInFull() {
        assertThat(budget.percentOf(new BigDecimal("799.99"))).isEqualTo(79);
        assertThat(budget.newlyCrossed(new BigDecimal("799.99"), 50)).isEmpty();
        assertThat(budget.newlyCrossed(new BigDecimal("800.00"), 50)).hasValue(80);
    }

    @Test
    void aJumpPastSeveralPercentagesTellsTheHighest() {
        assertThat(budget.newlyCrossed(new BigDecimal("1050"), 0)).hasValue(100);
    }

    @Test
    void aPercentageAlreadyToldIsNotToldAgain() {
        assertThat(budget.newlyCrossed(new BigDecimal("850"), 80)).isEmpty();
        assertThat(budget.newlyCrossed(new BigDecimal("400"), 0)).isEmpty();
    }

    @Test
    void anEmptyOrNonPositiveBudgetIsRefused() {
        assertThatThrownBy(() -> new Budget(BigDecimal.ZERO, List.of(80))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Budget(BigDecimal.TEN, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Budget(BigDecimal.TEN, List.of(0))).isInstanceOf(IllegalArgumentException.class);
    }
}
