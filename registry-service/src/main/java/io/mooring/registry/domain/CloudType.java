package io.mooring.registry.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a cluster runs, as the user declares it: {@code generic}, or a cloud-specific type that lets Mooring
 * report instance types, regions and zones. The agent reports the type it detects in the same vocabulary.
 * Jackson reads and writes the {@link JsonValue} (an unknown value is an {@code InvalidFormatException} that the
 * problem mapper turns into a field error listing {@link #toString()} of every constant).
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


    @Override
    public String toString() {
        return wire;
    }
}
