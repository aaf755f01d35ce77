package io.mooring.cost.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a report groups cost by. {@code label:<key>} groups by the value of one label key. */
public enum Aggregate {
    CLUSTER, PROJECT, PROVIDER, NAMESPACE, NODE, WORKLOAD, LABEL;

    public static final String EXPECTED = "must be one of cluster, project, provider, namespace, node, workload, label:<key>";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Aggregate> of(String text) {
        return Arrays.stream(values()).filter(a -> a.id().equals(text)).findFirst();
    }
}
