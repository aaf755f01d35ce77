package io.mooring.cost.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void gibIsTheQuotientByTwoToTheThirtyToFullPrecision() {
        SplittableRandom random = new SplittableRandom(15);
        LongStream edges = LongStream.of(0, 1, 1023, 1L << 30, (1L << 30) + 1, 3L * (1L << 30) / 7, Long.MAX_VALUE);
        LongStream randoms = random.longs(20_000, 0, 1L << 45);
        LongStream.concat(edges, randoms).forEach(bytes -> {
            BigDecimal quotient = BigDecimal.valueOf(bytes).divide(Money.BYTES_PER_GIB, Money.MC);
            assertThat(Money.gib(bytes)).as("%d bytes", bytes).isEqualByComparingTo(quotient);
        });
    }

    @Test
    void coresAreMillicoresOverAThousandExactly() {
        assertThat(Money.cores(0)).isEqualByComparingTo("0");
        assertThat(Money.cores(1)).isEqualByComparingTo("0.001");
        assertThat(Money.cores(2500)).isEqualByComparingTo("2.5");
        assertThat(Money.cores(Long.MAX_VALUE)).isEqualByComparingTo("9223372036854775.807");
    }

    @Test
    void theReciprocalOfAGibIsExact() {
        assertThat(Money.GIB_PER_BYTE.multiply(Money.BYTES_PER_GIB)).isEqualByComparingTo(BigDecimal.ONE);
    }
}
