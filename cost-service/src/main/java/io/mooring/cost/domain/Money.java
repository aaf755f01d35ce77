package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The arithmetic policy of cost: every amount and quantity a {@link CostLine} carries has exactly
 * {@link #SCALE} decimals.
 *
 * <p>Why nine decimals: lines are per hour, per node and per workload, so a single line of a small pod on
 * a t3.micro is around 0.0001; rounding lines to cents would lose most of the money before reports sum
 * them. Reports sum the lines and round to the currency's minor unit only when presenting.
 *
 * <p>Intermediate products (rate × fraction × hours) are computed with {@link #MC} (34 significant digits)
 * and rounded once, {@link RoundingMode#HALF_EVEN} so that summing millions of lines carries no bias. The
 * one exception is the allocated part of a node's cost, rounded {@link RoundingMode#DOWN}: the idle part is
 * the node's cost minus what was allocated, so truncating keeps idle from going negative by a rounding
 * residue while allocated + idle stays exactly the node's cost.
 */
public final class Money {

    /** Decimals of every amount and quantity on a cost line. */
    public static final int SCALE = 9;

    /** Rounding of amounts and quantities, except allocated parts (see the class comment). */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /** Precision of intermediate results, before the single rounding to {@link #SCALE}. */
    public static final MathContext MC = MathContext.DECIMAL128;

    /**
     * Hours in a month, to turn a GiB-month storage rate into a GiB-hour rate: 365 × 24 / 12, the convention
     * the cloud providers use for monthly prices, so that twelve months make a year whatever the calendar.
     */
    public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

    /** Bytes in a GiB: memory and storage are priced per GiB (2^30), as Kubernetes quantities are. */
    public static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);

    /**
     * 2^-30 written out: 30 decimals, exact (2^-30 = 5^30 × 10^-30). Multiplying by it and rounding to
     * {@link #MC} gives the same number as dividing by {@link #BYTES_PER_GIB}, for a fraction of the cost.
     */
    static final BigDecimal GIB_PER_BYTE = BigDecimal.ONE.divide(BYTES_PER_GIB);

    static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(3_600_000_000_000L);
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** Rounds an intermediate result to the line scale. */
    public static BigDecimal round(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    /** Rounds an allocated part towards zero (see the class comment for why). */
    static BigDecimal truncate(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.DOWN);
    }

    /** A duration in hours at full intermediate precision; nanosecond-exact before the division. */
    static BigDecimal hours(Duration duration) {
        BigDecimal nanos = BigDecimal.valueOf(duration.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
                .add(BigDecimal.valueOf(duration.getNano()));
        return nanos.divide(NANOS_PER_HOUR, MC);
    }

    /**
     * Cores from millicores: a decimal shift, exact. It and {@link #gib} were divisions, and BigDecimal arithmetic,
     * mostly those, was 43 % of cost-service's CPU samples in the accrual benchmark.
     */
    static BigDecimal cores(long cpuMillis) {
        return BigDecimal.valueOf(cpuMillis, 3);
    }

    /** GiB from bytes, by a multiplication by the exact reciprocal; the same value as bytes ÷ 2^30 to {@link #MC}. */
    static BigDecimal gib(long bytes) {
        return BigDecimal.valueOf(bytes).multiply(GIB_PER_BYTE, MC);
    }

    /** Null and negative rates are refused early, so that a bad override fails where it is set. */
    static BigDecimal requireRate(BigDecimal rate, String name) {
        if (rate == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (rate.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + rate.toPlainString());
        }
        return rate;
    }
}
