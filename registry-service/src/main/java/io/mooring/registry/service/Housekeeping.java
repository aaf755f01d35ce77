package io.mooring.registry.service;

import io.mooring.registry.config.RegistryConfig;
import io.mooring.registry.repository.CleanupTokenRepository;
import io.mooring.registry.repository.IdempotencyRepository;
import io.mooring.registry.repository.ImportTokenRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.mooring.support.jobs.SingletonJobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Purges what nobody can use any more: long-expired tokens and idempotent answers past their window. Every replica
 * schedules it; one at a time runs it ({@link SingletonJobs}, job {@value #JOB}), since two purges side by side
 * would only contend for the same rows.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    static final String JOB = "registry.housekeeping";

    private final ImportTokenRepository importTokens;
    private final CleanupTokenRepository cleanupTokens;
    private final IdempotencyRepository idempotency;
    private final RegistryConfig config;
    private final Clock clock;
    private final SingletonJobs jobs;

    public Housekeeping(ImportTokenRepository importTokens, CleanupTokenRepository cleanupTokens,
            IdempotencyRepository idempotency, RegistryConfig config, Clock clock, SingletonJobs jobs) {
        this.jobs = jobs;
        this.importTokens = importTokens;
        this.cleanupTokens = cleanupTokens;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${mooring.registry.purge-every:1h}", delayed = "${mooring.registry.purge-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return jobs.runExclusively(JOB, this::purge).onFailure().invoke(e -> LOG.warnf("Purge failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @WithTransaction
    public Uni<Long> purge() {
        Instant now = clock.instant();
        Instant tokensBefore = now.minus(config.expiredTokenRetention());
        return importTokens.purgeExpiredBefore(tokensBefore)
                .flatMap(a -> cleanupTokens.purgeExpiredBefore(tokensBefore).map(b -> a + b))
                .flatMap(ab -> idempotency.purgeExpiredBefore(now).map(c -> ab + c));
    }
}
