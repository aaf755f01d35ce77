package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs blocking work (Helm, chart downloads, YAML parsing of large manifests) on a small pool of its own and
 * hands the result back on the caller's Vert.x context, so the reactive Hibernate session can be used after it.
 * The pool's size bounds how many renderings run at once.
 */
@ApplicationScoped
public class RenderWorkers {

    private final ExecutorService pool;

    public RenderWorkers(AddonConfig config) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.helm().concurrency()), runnable -> {
            Thread thread = new Thread(runnable, "addon-render-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Uni<T> run(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> result = Uni.createFrom().item(work).runSubscriptionOn(pool);
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
