package io.mooring.cost.domain;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.Resources;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rates in force for one cluster, each with where it comes from, as {@link RateResolver} resolved them.
 * Prices nodes ({@link #nodeRate(Node)}) for accrual and for showing a cluster's rates.
 */
public final class ClusterRates {

    private final String currency;
    private final CloudType cloudType;
    private final Rate cpuCoreHour;
    private final Rate memoryGibHour;
    private final Rate gpuHour;
    private final Rate storageGibMonth;
    private final Map<String, Rate> instancePriceOverrides;
    private final RateCard card;
    private final String cardUnusableReason;

    ClusterRates(String currency, CloudType cloudType, Rate cpuCoreHour, Rate memoryGibHour, Rate gpuHour,
            Rate storageGibMonth, Map<String, Rate> instancePriceOverrides, RateCard card,
            String cardUnusableReason) {
        this.currency = Objects.requireNonNull(currency);
        this.cloudType = Objects.requireNonNull(cloudType);
        this.cpuCoreHour = Objects.requireNonNull(cpuCoreHour);
        this.memoryGibHour = Objects.requireNonNull(memoryGibHour);
        this.gpuHour = Objects.requireNonNull(gpuHour);
        this.storageGibMonth = Objects.requireNonNull(storageGibMonth);
        this.instancePriceOverrides = Map.copyOf(instancePriceOverrides);
        this.card = card;
        this.cardUnusableReason = cardUnusableReason;
    }

    public String currency() {
        return currency;
    }

    public CloudType cloudType() {
        return cloudType;
    }

    public Rate cpuCoreHour() {
        return cpuCoreHour;
    }

    public Rate memoryGibHour() {
        return memoryGibHour;
    }

    public Rate gpuHour() {
        return gpuHour;
    }

    public Rate storageGibMonth() {
        return storageGibMonth;
    }

    /** The storage rate per GiB-hour: the monthly rate over {@link Money#HOURS_PER_MONTH}, unrounded. */
    public BigDecimal storageGibHour() {
        return storageGibMonth.value().divide(Money.HOURS_PER_MONTH, Money.MC);
    }

    /** Instance prices set by the cluster's or the project's override (lower-cased type → price and source). */
    public Map<String, Rate> instancePriceOverrides() {
        return instancePriceOverrides;
    }

    /** The card whose prices apply to this cluster's nodes; empty for unit-rate-only cloud types. */
    public Optional<RateCard> card() {
        return Optional.ofNullable(card);
    }

    /**
     * Why the card's instance prices do not apply to this cluster (a cloud type priced by unit rates, or a card
     * in another currency); empty when they do.
     */
    public Optional<String> cardUnusableReason() {
        if (Provider.of(cloudType).isEmpty()) {
            return Optional.of(cloudType.wire() + " clusters are priced by unit rates");
        }
        return card == null ? Optional.ofNullable(cardUnusableReason) : Optional.empty();
    }

    /** What a node costs per hour, and on which basis. */
    public NodeRate nodeRate(Node node) {
        Resources capacity = node.capacity() == null ? Resources.NONE : node.capacity();
        BigDecimal unitCompute = Money.cores(capacity.cpuMillis()).multiply(cpuCoreHour.value(), Money.MC)
                .add(Money.gib(capacity.memoryBytes()).multiply(memoryGibHour.value(), Money.MC), Money.MC);
        BigDecimal unitGpu = BigDecimal.valueOf(Math.max(0, capacity.gpus())).multiply(gpuHour.value(), Money.MC);

        String type = node.instanceType();
        Rate price = type == null ? null : instancePriceOverrides.get(type.trim().toLowerCase(Locale.ROOT));
        String reason = null;
        if (price == null) {
            reason = cardPriceOrReason(node);
            if (reason == null) {
                Provider provider = Provider.of(cloudType).orElseThrow();
                price = new Rate(card.find(provider, node.region(), type).orElseThrow().hourly(), RateSource.RATE_CARD);
            }
        }
        if (price == null) {
            BigDecimal compute = Money.round(unitCompute);
            BigDecimal gpu = Money.round(unitGpu);
            return new NodeRate(node.name(), type, node.region(), PricingBasis.UNIT_RATES, null,
                    compute.add(gpu), compute, gpu, reason);
        }
        // An instance price is one figure; the GPU share of it is taken in the proportion the unit rates give
        // the GPUs against the CPU and memory of this node, so that GPU pods pay for the GPU, not idle cores.
        BigDecimal unitTotal = unitCompute.add(unitGpu);
        BigDecimal gpu = unitGpu.signum() == 0 || unitTotal.signum() == 0
                ? Money.ZERO
                : Money.round(price.value().multiply(unitGpu, Money.MC).divide(unitTotal, Money.MC));
        BigDecimal hourly = Money.round(price.value());
        return new NodeRate(node.name(), type, node.region(), PricingBasis.INSTANCE_PRICE, price, hourly,
                hourly.subtract(gpu), gpu, null);
    }

    /** Null when the card prices this node; otherwise why it does not. */
    private String cardPriceOrReason(Node node) {
        Optional<Provider> provider = Provider.of(cloudType);
        if (provider.isEmpty()) {
            return cloudType.wire() + " clusters are priced by unit rates";
        }
        if (card == null) {
            return cardUnusableReason;
        }
        if (node.instanceType() == null || node.instanceType().isBlank()) {
            return "the node reports no instance type";
        }
        if (node.region() == null || node.region().isBlank()) {
            return "the node reports no region";
        }
        if (card.find(provider.get(), node.region(), node.instanceType()).isEmpty()) {
            return "the rate card has no " + provider.get().id() + " price for " + node.instanceType() + " in "
                    + node.region();
        }
        return null;
    }
}
