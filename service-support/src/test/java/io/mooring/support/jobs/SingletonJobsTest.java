package io.mooring.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mooring.testsupport.PostgresServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of a service, as far as a job is concerned: two connection pools of their own against one real
 * PostgreSQL database, each with its own {@link SingletonJobs}.
 */
class SingletonJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PostgresServer POSTGRES = PostgresServer.fromEnvironment();
    private static String database;
    private static Vertx vertx;

    private Pool poolA;
    private Pool poolB;
    private SingletonJobs replicaA;
    private SingletonJobs replicaB;

    @BeforeAll
    static void createDatabase() {
        database = POSTGRES.createDatabase("mooring_jobs_test");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void dropDatabase() {
        vertx.closeAndAwait();
        POSTGRES.dropDatabase(database);
    }

    @BeforeEach
    void twoReplicas() {
        poolA = pool();
        poolB = pool();
        replicaA = new SingletonJobs(poolA);
        replicaB = new SingletonJobs(poolB);
    }

    @AfterEach
    void closePools() {
        poolA.closeAndAwait();
        poolB.closeAndAwait();
    }

    @Test
    void whileOneReplicaRunsAJobTheOtherSkipsItWithoutRunningTheWork() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Boolean> first = replicaA.runExclusively("sweep", () -> {
            started.complete(null);
            return Uni.createFrom().completionStage(release);
        }).subscribeAsCompletionStage();
        started.join();

        AtomicInteger ranOnB = new AtomicInteger();
        boolean second = replicaB.runExclusively("sweep", () -> {
            ranOnB.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).await().atMost(WAIT);

        assertThat(second).isFalse();
        assertThat(ranOnB).hasValue(0);
        release.complete(null);
        assertThat(first.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isTrue();
        // Done on A, the job is free for B's next run.
        assertThat(replicaB.runExclusively("sweep", () -> Uni.createFrom().voidItem()).await().atMost(WAIT)).isTrue();
    }

    @Test
    void contendersStartingTogetherNeverRunTheJobSideBySide() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        for (int round = 0; round < 30; round++) {
            List<Uni<Boolean>> contenders = new ArrayList<>();
            for (SingletonJobs replica : List.of(replicaA, replicaB, replicaA, replicaB)) {
                contenders.add(replica.runExclusively("purge", () -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    runs.incrementAndGet();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(15))
                            .invoke(running::decrementAndGet);
                }));
            }
            List<Boolean> ran = Uni.join().all(contenders).andFailFast().await().atMost(WAIT);
            assertThat(ran).as("someone runs the job each round").contains(true);
        }
        assertThat(mostAtOnce).as("never two runs at once").hasValue(1);
        assertThat(runs.get()).isBetween(30, 120);
    }

    @Test
    void differentJobsDoNotHoldEachOtherUp() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Boolean> housekeeping = replicaA.runExclusively("housekeeping", () -> {
            started.complete(null);
            return Uni.createFrom().completionStage(release);
        }).subscribeAsCompletionStage();
        started.join();
        assertThat(replicaB.runExclusively("housekeeping", () -> Uni.createFrom().voidItem()).await().atMost(WAIT))
                .isFalse();

        assertThat(replicaB.runExclusively("sweep", () -> Uni.createFrom().voidItem()).await().atMost(WAIT)).isTrue();
        release.complete(null);
        assertThat(housekeeping.join()).isTrue();
    }

    @Test
    void aRunThatFailsReleasesTheJobForTheNextRun() {
        assertThatThrownBy(() -> replicaA.runExclusively("sweep",
                () -> Uni.createFrom().failure(new IllegalStateException("the database said no"))).await().atMost(WAIT))
                .hasMessageContaining("the database said no");

        assertThat(replicaB.runExclusively("sweep", () -> Uni.createFrom().voidItem()).await().atMost(WAIT)).isTrue();
    }

    @Test
    void aReplicaThatDiesMidRunDoesNotKeepTheJobFromTheOthers() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        replicaA.runExclusively("sweep", () -> {
            started.complete(null);
            return Uni.createFrom().nothing();
        }).subscribe().with(ran -> { }, failure -> { });
        started.join();
        assertThat(replicaB.runExclusively("sweep", () -> Uni.createFrom().voidItem()).await().atMost(WAIT)).isFalse();

        // Its connections close as a killed process's would: PostgreSQL ends the session and its locks.
        poolA.closeAndAwait();

        await().atMost(WAIT).until(() -> replicaB.runExclusively("sweep", () -> Uni.createFrom().voidItem())
                .await().atMost(WAIT));
        poolA = pool();
    }

    @Test
    void theLockKeyOfAJobIsFixedForGoodAndDistinctPerJob() {
        // Replicas of two versions side by side during a rolling upgrade must agree on it: never change the hash.
        assertThat(SingletonJobs.lockKey("health.sweep")).isEqualTo(1734783577745455064L);
        assertThat(SingletonJobs.lockKey("health.sweep")).isNotEqualTo(SingletonJobs.lockKey("registry.housekeeping"));
    }

    private static Pool pool() {
        PgConnectOptions options = new PgConnectOptions().setHost(POSTGRES.host()).setPort(POSTGRES.port())
                .setDatabase(database).setUser(POSTGRES.user());
        if (POSTGRES.password() != null && !POSTGRES.password().isEmpty()) {
            options.setPassword(POSTGRES.password());
        }
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options)
                .using(vertx.getDelegate()).build());
    }
}
