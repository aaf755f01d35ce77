package io.mooring.cost.domain;

/** How a node's hourly cost was established. */
public enum PricingBasis {
    /** The instance type's price, from the card or an override. */
    INSTANCE_PRICE,
    /** Unit rates times the node's capacity: CPU cores, memory GiB and GPUs. */
    UNIT_RATES
}
