package io.mooring.events.inventory;

/** Pod counts by phase, and restarts summed over all containers. */
public record PodCounts(int total, int running, int pending, int succeeded, int failed, int unknown, long restarts) {
}
