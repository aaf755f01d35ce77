package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs blocking work (Helm, chart downloads, YAML parsing of large manifests) on a small pool of its own and
 * hands the result back on the caller's Vert.x context, so the reactive Hibernate session can be used after it.
 * The pool's size bounds how many renderings run at once, and its queue how many wait: when the queue is full the
 * work is refused at once ({@link RenderBusyException}, 503) instead of piling up.
 */
@ApplicationScoped
public class RenderWorkers {

    private final ThreadPoolExecutor pool;

    @Inject
    public RenderWorkers(AddonConfig config) {
        this(config.helm().concurrency(), config.helm().queueSize());
    }

    RenderWorkers(int concurrency, int queueSize) {
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(1, concurrency);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueSize)), runnable -> {
                    Thread thread = new Thread(runnable, "addon-render-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public <T> Uni<T> run(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> result = Uni.createFrom().emitter(emitter -> {
            try {
                pool.execute(() -> {
                    T value;
                    try {
                        value = work.get();
                    } catch (Throwable e) {
                        emitter.fail(e);
                        return;
                    }
                    emitter.complete(value);
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new RenderBusyException("Every render worker is busy and " + pool.getQueue().size()
                        + " renderings are waiting; try again shortly."));
            }
        });
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
