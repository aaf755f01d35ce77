package io.mooring.health.service;

import io.mooring.support.jobs.SingletonJobs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The periodic work, scheduled in every replica. The sweep runs in one replica at a time ({@link SingletonJobs},
 * job {@value #SWEEP}): replicas sweeping side by side would read the same silent clusters and due evaluations and
 * race to store the same transitions. Its writes stay compare-and-set all the same, because a heartbeat can
 * change a cluster while the sweep judges it. Retention runs everywhere: its deletes take rows with
 * {@code skip locked}, so replicas share a backlog instead of contending for it. Each run is bounded, so a large
 * backlog spreads over several runs.
 */
@ApplicationScoped
public class SweepAndRetentionJobs {

    private static final Logger LOG = Logger.getLogger(SweepAndRetentionJobs.class);
    static final String SWEEP = "health.sweep";

    private final ConnectivityService connectivity;
    private final EventLogService events;
    private final InventoryService inventory;
    private final SingletonJobs jobs;

    public SweepAndRetentionJobs(ConnectivityService connectivity, EventLogService events, InventoryService inventory,
            SingletonJobs jobs) {
        this.jobs = jobs;
        this.connectivity = connectivity;
        this.events = events;
        this.inventory = inventory;
    }

    @Scheduled(every = "${mooring.health.sweep.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return jobs.runExclusively(SWEEP, () -> connectivity.sweep().call(changed -> inventory.republishStale()))
                .onFailure().invoke(e -> LOG.warnf("Sweep failed, will run again: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "${mooring.health.events.retention-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retention() {
        return events.applyRetention()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Event retention removed %d entries", deleted);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Event retention failed, will run again: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
