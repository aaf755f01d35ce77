package io.mooring.cost.domain;

import java.util.Objects;

/** The installation's currency and its default unit rates, the last level of rate resolution. */
public record InstallationRates(String currency, UnitRates defaults) {

    public InstallationRates {
        currency = RateCard.requireCurrency(currency);
        Objects.requireNonNull(defaults, "defaults");
    }

    /** The defaults shipped with the built-in card, in the card's currency. */
    public static InstallationRates of(RateCard card) {
        return new InstallationRates(card.currency(), card.unitRates());
    }
}
