package io.mooring.cost.config;

import io.mooring.cost.domain.AccrualSettings;
import io.mooring.cost.domain.CostAccrual;
import io.mooring.cost.domain.CpuMemoryWeight;
import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.RateCard;
import io.mooring.cost.domain.RateCardLoader;
import io.mooring.cost.domain.UnitRates;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The domain objects the configuration decides, built once at start (a bad value stops the start). */
public class CostBeans {

    /** Where the card in use comes from: {@code built-in} or the configured file. */
    public record CardOrigin(String location) {
    }

    @Produces
    @Singleton
    RateCard rateCard(CostConfig config) {
        if (config.rateCard().isEmpty()) {
            return RateCardLoader.builtIn();
        }
        Path file = Path.of(config.rateCard().get());
        try (InputStream in = Files.newInputStream(file)) {
            return RateCardLoader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("mooring.cost.rate-card: cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.cost.rate-card: " + file + ": " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    CardOrigin cardOrigin(CostConfig config) {
        return new CardOrigin(config.rateCard().orElse("built-in"));
    }

    @Produces
    @Singleton
    AccrualSettings accrualSettings(CostConfig config) {
        try {
            return new AccrualSettings(config.maxGap(), CpuMemoryWeight.parse(config.cpuMemoryWeight()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.cost: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    CostAccrual costAccrual(AccrualSettings settings) {
        return new CostAccrual(settings);
    }

    /** The installation's currency and unit rates as configured; the API may replace them. */
    @Produces
    @Singleton
    InstallationRates configuredRates(CostConfig config, RateCard card) {
        UnitRates fromCard = card.unitRates();
        CostConfig.DefaultRates rates = config.defaultRates();
        try {
            return new InstallationRates(config.currency(), new UnitRates(
                    rates.cpuCoreHour().orElse(fromCard.cpuCoreHour()),
                    rates.memoryGibHour().orElse(fromCard.memoryGibHour()),
                    rates.gpuHour().orElse(fromCard.gpuHour()),
                    rates.storageGibMonth().orElse(fromCard.storageGibMonth())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.cost: " + e.getMessage(), e);
        }
    }
}
