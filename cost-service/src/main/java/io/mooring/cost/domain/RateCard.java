package io.mooring.cost.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Instance prices per provider, region and type, and the unit rates offered as the installation default.
 * {@code source} and {@code asOf} say where the prices were taken from and when, because list prices drift.
 */
public final class RateCard {

    private final String source;
    private final LocalDate asOf;
    private final String currency;
    private final String notes;
    private final UnitRates unitRates;
    private final List<InstancePrice> prices;
    private final Map<String, InstancePrice> byKey = new HashMap<>();

    public RateCard(String source, LocalDate asOf, String currency, String notes, UnitRates unitRates,
            List<InstancePrice> prices) {
        this.source = Objects.requireNonNull(source, "source");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.currency = requireCurrency(currency);
        this.notes = notes;
        this.unitRates = Objects.requireNonNull(unitRates, "unitRates");
        this.prices = prices.stream()
                .sorted(Comparator.comparing(InstancePrice::provider)
                        .thenComparing(InstancePrice::region)
                        .thenComparing(InstancePrice::instanceType))
                .toList();
        for (InstancePrice price : this.prices) {
            InstancePrice previous = byKey.put(key(price.provider(), price.region(), price.instanceType()), price);
            if (previous != null) {
                throw new IllegalArgumentException("rate card lists " + price.provider().id() + " "
                        + price.instanceType() + " in " + price.region() + " twice");
            }
        }
    }

    public String source() {
        return source;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String currency() {
        return currency;
    }

    /** Free text about the card's scope and caveats; may be null. */
    public String notes() {
        return notes;
    }

    public UnitRates unitRates() {
        return unitRates;
    }

    /** Every price, ordered by provider, region and instance type. */
    public List<InstancePrice> prices() {
        return prices;
    }

    /**
     * The price of an instance type in a region. Matching ignores case: Azure reports
     * {@code Standard_D2s_v3} in node labels but regions in lower case, and admins type either.
     */
    public Optional<InstancePrice> find(Provider provider, String region, String instanceType) {
        if (provider == null || region == null || instanceType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(provider, region, instanceType)));
    }

    private static String key(Provider provider, String region, String instanceType) {
        return provider.id() + '/' + region.trim().toLowerCase(Locale.ROOT) + '/'
                + instanceType.trim().toLowerCase(Locale.ROOT);
    }

    static String requireCurrency(String currency) {
        if (currency == null || !currency.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD, not '" + currency + "'");
        }
        return currency.toUpperCase(Locale.ROOT);
    }
}
