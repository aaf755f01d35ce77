package io.mooring.cost.domain;

import java.util.Locale;

/** A cloud provider with a section in the rate card. */
public enum Provider {
    AWS, AZURE, GCP;

    /** The key of the provider's section in the rate card file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
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
