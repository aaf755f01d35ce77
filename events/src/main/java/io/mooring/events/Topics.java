package io.mooring.events;

/** Kafka topic names. Every record is keyed by cluster id so one cluster's events stay in order. */
public final class Topics {
    public static final String CLUSTER_LIFECYCLE = "mooring.cluster-lifecycle";
    public static final String CLUSTER_HEALTH = "mooring.cluster-health";
    public static final String CLUSTER_INVENTORY = "mooring.cluster-inventory";
    public static final String ADDON_DEPLOYMENTS = "mooring.addon-deployments";
    public static final String CLUSTER_COST = "mooring.cluster-cost";

    private Topics() {
    }
}
