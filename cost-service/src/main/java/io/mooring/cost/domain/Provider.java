package io.mooring.cost.domain;

import io.mooring.events.CloudType;
import java.util.Locale;
import java.util.Optional;

/** A cloud provider with a section in the rate card. */
public enum Provider {
    AWS, AZURE, GCP;

    /** The key of the provider's section in the rate card file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The provider whose instance prices apply to a cluster of {@code type}; empty for clusters priced by unit
     * rates only. The type the user chose prices a cluster, not the one the agent detected.
     */
    public static Optional<Provider> of(CloudType type) {
        return Optional.ofNullable(switch (type) {
            case AWS, EKS -> AWS;
            case AZURE, AKS -> AZURE;
            case GCP, GKE -> GCP;
            // EKS Anywhere runs on the customer's own machines: no EC2 prices.
            case GENERIC, VSPHERE, OPENSHIFT, EKS_ANYWHERE -> null;
        });
    }

    static Provider of(String id) {
        for (Provider provider : values()) {
            if (provider.id().equalsIgnoreCase(id)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + id + "'; expected aws, azure or gcp");
    }
}
