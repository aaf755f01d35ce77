package io.mooring.notification.service;

import io.mooring.notification.config.NotificationConfig;
import io.mooring.notification.domain.Backoff;
import io.mooring.notification.repository.DeliveryRepository;
import io.mooring.notification.repository.DeliveryRepository.Due;
import io.mooring.support.jobs.SingletonJobs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Works the delivery queue: one replica at a time (a {@link SingletonJobs} lock, decision 0029), so two replicas
 * never send the same delivery side by side nor overtake each other on one cluster's alerts. A replica that dies
 * mid-attempt leaves the delivery pending and it is sent again: delivery is at least once, and receivers
 * deduplicate by {@code webhook-id}, the CloudEvent id. Also the quiet-period sweep and the log's retention.
 */
@ApplicationScoped
public class DeliveryJob {

    private static final Logger LOG = Logger.getLogger(DeliveryJob.class);
    static final String DELIVERIES = "webhook-deliveries";
    static final String QUIET_SWEEP = "alert-quiet-sweep";
    static final String RETENTION = "webhook-delivery-retention";
    private static final int PARALLEL = 8;

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final AlertService alerts;
    private final SingletonJobs jobs;
    private final Clock clock;
    private final NotificationConfig config;
    private final Backoff backoff;

    public DeliveryJob(DeliveryRepository deliveries, WebhookSender sender, AlertService alerts, SingletonJobs jobs,
            Clock clock, NotificationConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.alerts = alerts;
        this.jobs = jobs;
        this.clock = clock;
        this.config = config;
        this.backoff = new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff());
    }

    @Scheduled(every = "${mooring.notification.delivery.interval}", delayed = "${mooring.notification.delivery.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliverDue().onFailure().invoke(e -> LOG.warnf("Webhook deliveries failed this run: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${mooring.notification.rules.quiet-sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> quietSweep() {
        return releaseHeld().onFailure().invoke(e -> LOG.warnf("Quiet-period sweep failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retention() {
        return jobs.runExclusively(RETENTION, () -> deliveries.purge(clock.instant()
                        .minus(config.delivery().retention())))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends every delivery due now (at most a batch); false when another replica was at it. */
    public Uni<Boolean> deliverDue() {
        return jobs.runExclusively(DELIVERIES, () -> deliveries.due(clock.instant(), config.delivery().batchSize())
                        .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                                .onItem().transformToUni(this::attempt).merge(PARALLEL)
                                .collect().asList().map(done -> done.size())));
    }

    /** Tells what quiet periods held back once they are over. */
    public Uni<Boolean> releaseHeld() {
        return jobs.runExclusively(QUIET_SWEEP, () -> Panache.withTransaction(() -> alerts.releaseHeld(500)));
    }

    private Uni<Void> attempt(Due due) {
        return Uni.createFrom().item(() -> sender.send(due))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(outcome -> {
                    Instant now = clock.instant();
                    if (outcome.delivered()) {
                        return deliveries.delivered(due, outcome.statusCode(), outcome.latencyMs(), now);
                    }
                    int attempts = due.attempts() + 1;
                    Instant next = attempts >= config.delivery().maxAttempts() ? null
                            : now.plus(backoff.after(attempts));
                    LOG.debugf("Delivery %d to endpoint %s failed (attempt %d): %s", due.id(), due.endpointId(),
                            attempts, outcome.error());
                    return deliveries.failed(due, outcome.statusCode(), outcome.error(), outcome.latencyMs(), now,
                            next, config.delivery().disableAfterFailures());
                });
    }
}
