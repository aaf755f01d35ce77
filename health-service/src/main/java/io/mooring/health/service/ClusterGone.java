package io.mooring.health.service;

import java.util.UUID;

/**
 * How a live stream learns that its cluster was deleted: its entries fail with this, and the API ends the stream
 * with a last event saying so instead of an error.
 */
public class ClusterGone extends RuntimeException {

    public ClusterGone(UUID clusterId) {
        super("Cluster " + clusterId + " was deleted", null, false, false);
    }
}
