package io.mooring.cost.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code mooring.cost.*} configuration. The installation default unit rates and currency set here apply
 * until an admin sets others with {@code PUT /api/v1/rate-cards/default}; unset rates take the built-in
 * card's unit rates.
 */
@ConfigMapping(prefix = "mooring.cost")
public interface CostConfig {

    /** The installation's currency (ISO 4217). The card's instance prices apply only when it is the card's. */
    @WithDefault("USD")
    String currency();

    /** How a node's compute cost divides between CPU and memory, e.g. {@code 65:35}. */
    @WithDefault("65:35")
    String cpuMemoryWeight();

    /** The longest time one inventory is billed for (a silent agent bills nothing beyond it). */
    @WithDefault("PT2H")
    Duration maxGap();

    /**
     * How far ahead of this service's clock an inventory's observedAt may be. One from further ahead is ignored
     * (logged): accrued, it would make every later inventory "not newer" and stop the cluster's accrual.
     */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Default unit rates of the installation; each unset one is the built-in card's. */
    DefaultRates defaultRates();

    /** A rate card file (the built-in card's format) replacing the built-in card; the built-in one when unset. */
    Optional<String> rateCard();

    Report report();

    interface DefaultRates {
        Optional<BigDecimal> cpuCoreHour();

        Optional<BigDecimal> memoryGibHour();

        Optional<BigDecimal> gpuHour();

        Optional<BigDecimal> storageGibMonth();
    }

    interface Report {
        /** The most rows a report answers; a larger one is refused with advice to narrow it. */
        @WithDefault("50000")
        int maxRows();

        /** The longest window a report may cover, in days. */
        @WithDefault("366")
        int maxDays();
    }
}
