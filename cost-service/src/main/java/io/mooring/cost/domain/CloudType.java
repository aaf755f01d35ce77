package io.mooring.cost.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cloud type a cluster was imported as, and which provider's instance prices apply to it. The type the
 * user chose is what prices a cluster, not the one the agent detected: a mismatch is shown, not corrected.
 */
public enum CloudType {
    GENERIC("generic", null),
    AWS("aws", Provider.AWS),
    EKS("eks", Provider.AWS),
    AZURE("azure", Provider.AZURE),
    AKS("aks", Provider.AZURE),
    GCP("gcp", Provider.GCP),
    GKE("gke", Provider.GCP),
    VSPHERE("vsphere", null),
    OPENSHIFT("openshift", null),
    // Runs on the customer's own machines: EKS in name only, no EC2 prices.
    EKS_ANYWHERE("eks-anywhere", null);

    private final String id;
    private final Provider provider;

    CloudType(String id, Provider provider) {
        this.id = id;
        this.provider = provider;
    }

    /** The identifier used in the API and in events ({@code eks-anywhere}, not the constant's name). */
    public String id() {
        return id;
    }

    /** The provider whose instance prices apply; empty for clusters priced by unit rates only. */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /** Parses an API identifier, case-insensitively; unknown types are refused with the list of known ones. */
    public static CloudType of(String id) {
        if (id != null) {
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (CloudType type : values()) {
                if (type.id.equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown cloud type '" + id + "'; expected one of "
                + Arrays.stream(values()).map(CloudType::id).collect(Collectors.joining(", ")));
    }
}
