package io.mooring.cost.domain;

/** Where a rate in force comes from, most specific first. */
public enum RateSource {
    CLUSTER_OVERRIDE,
    PROJECT_OVERRIDE,
    /** The instance price of the built-in (or admin-replaced) rate card. */
    RATE_CARD,
    INSTALLATION_DEFAULT
}
