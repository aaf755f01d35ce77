package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.mooring.agent.domain.Backoff;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A watch that is started again when the server ends it (a real API server ends every watch after a while, and
 * answers 410 when the resource version is too old). {@code restart} runs before the new watch starts and answers
 * the resource version to start from (after relisting, or from a one-item list), so nothing in between is missed.
 * The handler runs on the client's watch thread and must be quick.
 */
final class KeptWatch<T> {

    private static final Logger LOG = Logger.getLogger(KeptWatch.class);

    private final String name;
    private final Function<ListOptions, Watch> watch;
    private final BiConsumer<Watcher.Action, T> handler;
    private final Supplier<String> restart;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private volatile Watch current;
    private volatile boolean closed;

    KeptWatch(String name, Function<ListOptions, Watch> watch, BiConsumer<Watcher.Action, T> handler, Supplier<String> restart,
            ScheduledExecutorService executor, Backoff backoff) {
        this.name = name;
        this.watch = watch;
        this.handler = handler;
        this.restart = restart;
        this.executor = executor;
        this.backoff = backoff;
    }

    /** Starts watching from {@code resourceVersion} (null: from now on). */
    void start(String resourceVersion) {
        if (closed) {
            return;
        }
        ListOptions options = new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true).build();
        current = watch.apply(options);
        synchronized (backoff) {
            backoff.reset();
        }
    }

    Watcher<T> watcher() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                if (!closed && action != Action.BOOKMARK && action != Action.ERROR) {
                    handler.accept(action, resource);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (!closed) {
                    LOG.debugf("Watch of %s ended (%s); starting it again", name, cause.getMessage());
                    scheduleRestart();
                }
            }

            @Override
            public void onClose() {
                if (!closed) {
                    scheduleRestart();
                }
            }
        };
    }

    private void scheduleRestart() {
        Duration delay;
        synchronized (backoff) {
            delay = backoff.failed();
        }
        try {
            executor.schedule(this::restartNow, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private void restartNow() {
        if (closed) {
            return;
        }
        try {
            start(restart.get());
        } catch (RuntimeException e) {
            LOG.debugf("Could not start the watch of %s again: %s", name, e.getMessage());
            scheduleRestart();
        }
    }

    void close() {
        closed = true;
        Watch watching = current;
        if (watching != null) {
            try {
                watching.close();
            } catch (RuntimeException e) {
                // Closing is best effort.
            }
        }
    }
}
