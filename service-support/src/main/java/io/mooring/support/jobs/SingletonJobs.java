package io.mooring.support.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * Runs a periodic job in at most one replica of a service at a time. Every replica schedules the job; a run
 * first takes a PostgreSQL advisory lock keyed by the job's name ({@link #lockKey}), and a replica that finds
 * it taken skips that run instead of waiting. The lock is transaction-scoped, held by a transaction that stays
 * open on one pooled connection while the job's own work runs (in transactions of its own): commit, rollback
 * or a lost connection (a replica that died) all release it, so no lock can outlive its holder and there is
 * nothing to expire or clean up.
 *
 * <p>Advisory locks belong to a database, and every service has its own: a job name only needs to be unique
 * within its service. What this gives is mutual exclusion, not a schedule: two replicas whose timers are offset
 * may each run the job once per period, one after the other. Jobs put here are therefore idempotent purges and
 * sweeps whose second run in a period finds nothing left to do; the point is that they never run side by side,
 * contending for the same rows and doing the same work twice.
 *
 * <p>Work that must itself be in the lock's transaction (the outbox relay, which must publish in commit order,
 * and the processed-event purge) takes {@code pg_try_advisory_xact_lock} on its own connection instead; see
 * docs/decisions/0029-replicas-share-the-database-for-singleton-work.md for every job and where it runs.
 */
@ApplicationScoped
public class SingletonJobs {

    private final Pool pool;

    public SingletonJobs(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code work} unless another replica (or another caller here) is running the job {@code job}: true
     * once the work completed, false when it was skipped. The work's failure fails the answer, after the lock has
     * been released.
     */
    public Uni<Boolean> runExclusively(String job, Supplier<Uni<?>> work) {
        long key = lockKey(job);
        return pool.withTransaction(lock -> lock.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(key))
                .flatMap(rows -> rows.iterator().next().getBoolean(0)
                        ? Uni.createFrom().deferred(work).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    /** The advisory-lock key of a job: the first 64 bits of SHA-256 of its name, the same in every replica. */
    public static long lockKey(String job) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("mooring.job:" + job).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
