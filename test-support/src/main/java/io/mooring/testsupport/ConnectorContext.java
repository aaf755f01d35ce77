package io.mooring.testsupport;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a consumer's method as SmallRye's Kafka connector does, for tests that hand a consumer a record or a whole
 * poll themselves (which records land in one poll is the broker's choice, so a test cannot make a poll otherwise):
 * on a duplicated Vert.x context of its own, marked safe, which is what Hibernate Reactive's sessions and the
 * idempotent consumer's transaction need.
 */
public final class ConnectorContext {

    private static final long AT_MOST_SECONDS = 60;

    private ConnectorContext() {
    }

    /** Runs {@code work} there and waits for it (at most a minute); its failure is thrown, wrapped. */
    public static void run(Vertx vertx, Supplier<Uni<?>> work) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Object> done = new CompletableFuture<>();
        context.runOnContext(ignored -> work.get().subscribe().with(done::complete, done::completeExceptionally));
        done.get(AT_MOST_SECONDS, TimeUnit.SECONDS);
    }
}
