package io.mooring.events.inventory;

import java.util.Map;

/** A Deployment, StatefulSet, DaemonSet, Job or CronJob with how many pods it wants and how many are ready. */
public record Workload(
        String namespace,
        String kind,
        String name,
        int desired,
        int ready,
        Map<String, String> labels) {
}
