package io.mooring.addon.service;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one Helm call with a deadline. Helm runs in native code, which a Java thread cannot interrupt: the caller
 * (a render worker) stops waiting at the deadline and is free again, while the Helm thread runs on until Helm
 * returns. Those threads are bounded ({@code maxThreads}); when all are taken, further renderings are refused as
 * busy rather than queued behind calls that may never finish.
 */
final class HelmCalls {

    private final ThreadPoolExecutor threads;

    HelmCalls(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, Math.max(1, maxThreads), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "addon-helm-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The call's result; {@link ChartException#timeout} past the deadline, {@link RenderBusyException} when full. */
    <T> T call(Callable<T> call, Duration timeout) throws Exception {
        Future<T> future;
        try {
            future = threads.submit(call);
        } catch (RejectedExecutionException e) {
            throw new RenderBusyException("Every Helm thread is busy (some with renderings that ran out of time); "
                    + "try again shortly.");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ChartException.timeout("Helm did not finish rendering within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw ChartException.timeout("rendering was interrupted");
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
