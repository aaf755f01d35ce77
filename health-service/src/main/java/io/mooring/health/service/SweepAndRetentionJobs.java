package io.mooring.health.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The periodic work. Every instance runs it; compare-and-set writes and {@code skip locked} deletes make
 * that safe, and each run is bounded, so a large backlog spreads over several runs.
 */
@ApplicationScoped
public class SweepAndRetentionJobs {

    private static final Logger LOG = Logger.getLogger(SweepAndRetentionJobs.class);

    private final ConnectivityService connectivity;
    private final EventLogService events;
    private final InventoryService inventory;

    public SweepAndRetentionJobs(ConnectivityService connectivity, EventLogService events, InventoryService inventory) {
        this.connectivity = connectivity;
        this.events = events;
        this.inventory = inventory;
    }

    @Scheduled(every = "${mooring.health.sweep.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return connectivity.sweep()
                .call(changed -> inventory.republishStale())
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
