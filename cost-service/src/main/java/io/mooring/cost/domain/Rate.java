package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** A rate in force and where it comes from. */
public record Rate(BigDecimal value, RateSource source) {

    public Rate {
        Money.requireRate(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
