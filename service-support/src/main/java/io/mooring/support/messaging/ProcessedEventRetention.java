package io.mooring.support.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Forgets handled event ids older than {@code mooring.consumer.processed-retention}, so that
 * {@code mooring_processed_event} does not grow forever. Deletes in batches, each its own short transaction. Every
 * replica runs it; a batch that finds another replica's purge under way (an advisory lock) stops, so two purges
 * never fight over the same rows, and a purge that runs twice deletes nothing the second time.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);
    /** Arbitrary, the same in every replica of a service: the key of the purge's advisory lock. */
    private static final long PURGE_LOCK = 0x6d6f6f722d707572L;

    private final Pool pool;
    private final ConsumerSettings settings;

    public ProcessedEventRetention(Pool pool, ConsumerSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    @Scheduled(every = "${mooring.consumer.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        Instant before = Instant.now().minus(settings.processedRetention());
        return purgeBefore(before, settings.purgeBatchSize())
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Forgot %d processed events handled before %s", deleted, before);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Processed-event purge will try again later: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the rows processed before {@code before}, {@code batchSize} at a time; how many were deleted. */
    public Uni<Long> purgeBefore(Instant before, int batchSize) {
        return purgeBefore(OffsetDateTime.ofInstant(before, ZoneOffset.UTC), batchSize, 0);
    }

    private Uni<Long> purgeBefore(OffsetDateTime before, int batchSize, long deletedSoFar) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(PURGE_LOCK))
                        .flatMap(lock -> !lock.iterator().next().getBoolean(0)
                                ? Uni.createFrom().item(-1)
                                : connection.preparedQuery("""
                                        delete from mooring_processed_event where ctid = any(array(
                                            select ctid from mooring_processed_event where processed_at < $1
                                            limit $2))""")
                                        .execute(Tuple.of(before, batchSize))
                                        .map(result -> result.rowCount())))
                .flatMap(deleted -> deleted == batchSize
                        ? purgeBefore(before, batchSize, deletedSoFar + deleted)
                        : Uni.createFrom().item(deletedSoFar + Math.max(deleted, 0)));
    }
}
