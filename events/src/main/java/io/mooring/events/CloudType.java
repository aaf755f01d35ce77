package io.mooring.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a cluster runs, as the user declares it when importing: {@code generic}, or a cloud-specific type that lets
 * Mooring report instance types, regions and zones and price nodes by instance. The one vocabulary of the API, the
 * databases and the events ({@code cloudType} of ClusterImported and InventoryReported).
 * Jackson reads and writes the {@link JsonValue}; an unknown value is an {@code InvalidFormatException} that the
 * problem mapper turns into a field error listing {@link #toString()} of every constant.
 */
public enum CloudType implements WireValue {
    GENERIC("generic"),
    AWS("aws"),
    EKS("eks"),
    AZURE("azure"),
    AKS("aks"),
    GCP("gcp"),
    GKE("gke"),
    VSPHERE("vsphere"),
    OPENSHIFT("openshift"),
    // Runs on the customer's own machines: EKS in name only.
    EKS_ANYWHERE("eks-anywhere");

    private final String wire;

    CloudType(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Reads a cloud type the way a tolerant reader of events and query parameters does: trimmed, any case. Unknown
     * types are refused with the list of known ones.
     */
    public static CloudType of(String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (CloudType type : values()) {
                if (type.wire.equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown cloud type '" + value + "'; expected one of "
                + Arrays.stream(values()).map(CloudType::wire).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wire;
    }
}
