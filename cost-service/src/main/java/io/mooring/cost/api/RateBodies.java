package io.mooring.cost.api;

import io.mooring.events.KubernetesNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the rate-card API. Rates are per hour (storage per GiB-month), never negative. */
public final class RateBodies {

    private RateBodies() {
    }

    /** The installation's currency and default unit rates; every field required. */
    public record InstallationRatesBody(
            @NotNull @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
            @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal cpuCoreHour,
            @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal memoryGibHour,
            @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal gpuHour,
            @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal storageGibMonth) {
    }

    /**
     * A project's or cluster's override: each rate optional (absent = not overridden); {@code instancePrices}
     * maps an instance type to its price per hour, winning over the card for nodes of that type.
     */
    public record OverrideBody(
            @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal cpuCoreHour,
            @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal memoryGibHour,
            @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal gpuHour,
            @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal storageGibMonth,
            @Size(max = 500) Map<@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][-A-Za-z0-9_.]*",
                    message = "must be an instance type name") String,
                    @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 9) BigDecimal> instancePrices) {
    }

    /**
     * Everything at once (PUT /rate-cards): the installation rates (absent: back to the configuration's) and the
     * complete sets of project and cluster overrides, which replace the present ones.
     */
    public record RateCardsBody(
            @Valid InstallationRatesBody defaults,
            @Size(max = 10_000) Map<@Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX, message = KubernetesNames.DNS_LABEL_RULE) String,
                    @NotNull @Valid OverrideBody> projects,
            @Size(max = 100_000) Map<UUID, @NotNull @Valid OverrideBody> clusters) {
    }
}
