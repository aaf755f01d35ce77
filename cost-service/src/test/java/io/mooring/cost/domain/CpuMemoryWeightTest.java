package io.mooring.cost.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuMemoryWeightTest {

    @Test
    void defaultIsSixtyFiveToThirtyFive() {
        assertThat(CpuMemoryWeight.DEFAULT.cpuShare()).isEqualByComparingTo("0.65");
    }

    @Test
    void onlyTheRatioMatters() {
        assertThat(CpuMemoryWeight.parse("13:7").cpuShare()).isEqualByComparingTo("0.65");
        assertThat(CpuMemoryWeight.parse(" 0.8 : 0.2 ").cpuShare()).isEqualByComparingTo("0.8");
    }

    @Test
    void malformedWeightIsRefused() {
        assertThatThrownBy(() -> CpuMemoryWeight.parse("65")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuMemoryWeight.parse("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuMemoryWeight.parse("0:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuMemoryWeight.parse("-1:2")).isInstanceOf(IllegalArgumentException.class);
    }
}
