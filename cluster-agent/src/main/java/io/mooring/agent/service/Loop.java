package io.mooring.agent.service;

import io.mooring.agent.domain.Backoff;
import io.mooring.agent.platform.PlatformException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One of the agent's repeating jobs on its worker threads (never an event loop): the body runs, answers when it
 * wants to run next ({@code null}: never again), and a failure waits the loop's {@link Backoff} instead. A loop
 * never runs twice at the same time; {@link #wakeUp()} runs it as soon as it is free (the platform came back, the
 * cluster changed, a migration is pending). The first failure of a series is logged as a warning, the rest quietly,
 * and the recovery again.
 *
 * <p>A platform that answered 429 or 503 with {@code Retry-After} is left alone at least that long (plus jitter,
 * {@link Backoff#spread}, so that agents sent away together do not return together): the loop's next
 * run waits for it, and a wake-up before then changes nothing (another loop's success must not send this kind of
 * call early). What the body keeps to send again (the event batch in flight, the pending inventory) is kept.
 */
final class Loop {

    private static final Logger LOG = Logger.getLogger(Loop.class);

    @FunctionalInterface
    interface Body {
        Duration run() throws Exception;
    }

    private final String name;
    private final ScheduledExecutorService executor;
    private final Body body;
    private final Backoff backoff;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private ScheduledFuture<?> next;
    private boolean running;
    private boolean wakeRequested;
    private volatile boolean stopped;
    private volatile boolean failing;
    private volatile String lastFailure;
    private volatile long runs;
    /** System.nanoTime() before which the platform asked not to be called again (Retry-After); 0 when it did not. */
    private volatile long notBefore;

    Loop(String name, ScheduledExecutorService executor, Body body, Backoff backoff, Duration maxBackoff) {
        this.name = name;
        this.executor = executor;
        this.body = body;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
    }

    void start(Duration initialDelay) {
        schedule(initialDelay);
    }

    /** Run as soon as possible (now, or right after the current run). */
    void wakeUp() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (running) {
                wakeRequested = true;
                return;
            }
            if (!untilAllowed().isZero()) {
                return; // the run already scheduled is the earliest the platform allows
            }
        }
        schedule(Duration.ZERO);
    }

    /** Wake up only if the loop is waiting out a failure: what it waited for is back. */
    void wakeUpIfFailing() {
        synchronized (lock) {
            if (!failing || running || stopped || !untilAllowed().isZero()) {
                return;
            }
        }
        schedule(Duration.ZERO);
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    boolean failing() {
        return failing;
    }

    String lastFailure() {
        return lastFailure;
    }

    long runs() {
        return runs;
    }

    String name() {
        return name;
    }

    private void schedule(Duration delay) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            try {
                next = executor.schedule(this::runOnce, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                stopped = true;
            }
        }
    }

    private void runOnce() {
        synchronized (lock) {
            if (stopped || running) {
                return;
            }
            running = true;
            wakeRequested = false;
        }
        Duration delay;
        try {
            delay = body.run();
            runs++;
            backoff.reset();
            if (failing) {
                LOG.infof("%s: working again", name);
            }
            failing = false;
            lastFailure = null;
        } catch (Exception e) {
            if (stopped) {
                return;
            }
            delay = backoff.failed();
            if (maxBackoff != null && delay.compareTo(maxBackoff) > 0) {
                delay = maxBackoff;
            }
            Duration asked = e instanceof PlatformException p ? p.retryAfter().map(backoff::spread).orElse(null) : null;
            if (asked != null) {
                notBefore = System.nanoTime() + asked.toNanos();
                if (asked.compareTo(delay) > 0) {
                    delay = asked;
                }
            }
            String message = describe(e);
            if (!failing) {
                LOG.warnf("%s failed, trying again in %d ms: %s", name, delay.toMillis(), message);
            } else {
                LOG.debugf("%s failed again (%d), next try in %d ms: %s", name, backoff.failures(), delay.toMillis(), message);
            }
            if (!(e instanceof PlatformException) && !failing) {
                LOG.debug(name + " failure", e);
            }
            failing = true;
            lastFailure = message;
        } catch (Error e) {
            LOG.errorf(e, "%s: unexpected error", name);
            delay = backoff.failed();
        }
        boolean again;
        synchronized (lock) {
            running = false;
            again = wakeRequested;
        }
        if (delay == null) {
            return;
        }
        schedule(again ? untilAllowed() : delay);
    }

    /** How long until the platform allows this loop's call again (zero unless it answered Retry-After). */
    private Duration untilAllowed() {
        long at = notBefore;
        if (at == 0) {
            return Duration.ZERO;
        }
        long left = at - System.nanoTime();
        if (left <= 0) {
            notBefore = 0;
            return Duration.ZERO;
        }
        return Duration.ofNanos(left);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
