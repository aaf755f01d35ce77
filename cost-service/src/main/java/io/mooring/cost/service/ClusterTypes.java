package io.mooring.cost.service;

import io.mooring.events.CloudType;
import io.mooring.cost.domain.Provider;
import java.util.Locale;

/** Cloud types as events carry them: a type this build does not know is priced like a generic cluster. */
public final class ClusterTypes {

    private ClusterTypes() {
    }

    public static String normalise(String cloudType) {
        return cloudType == null || cloudType.isBlank() ? CloudType.GENERIC.wire() : cloudType.trim().toLowerCase(Locale.ROOT);
    }

    public static CloudType pricing(String cloudType) {
        try {
            return CloudType.of(normalise(cloudType));
        } catch (IllegalArgumentException e) {
            return CloudType.GENERIC;
        }
    }

    /** What reports by provider group under: aws, azure or gcp, else the cloud type itself (generic, vsphere...). */
    public static String provider(String cloudType) {
        String type = normalise(cloudType);
        try {
            return Provider.of(CloudType.of(type)).map(Provider::id).orElse(type);
        } catch (IllegalArgumentException e) {
            return type;
        }
    }
}
