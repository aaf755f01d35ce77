package io.mooring.agent.service;

import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.domain.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's worker threads and the loops that run on them, each with its own backoff: what the agent stops,
 * wakes or reports as failing, it does through here.
 */
final class Loops {

    private final AgentSettings settings;
    private final Random random;
    private final ScheduledExecutorService executor;
    private final List<Loop> loops = new ArrayList<>();

    Loops(AgentSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4, threads());
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    Loop create(String name, Loop.Body body, Duration maxBackoff) {
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.backoffMultiplier(), settings.backoffJitter(),
                random);
        Loop loop = new Loop(name, executor, body, backoff, maxBackoff);
        synchronized (loops) {
            loops.add(loop);
        }
        return loop;
    }

    /** The loops whose last run failed, with why. */
    List<String> failing() {
        List<String> failing = new ArrayList<>();
        synchronized (loops) {
            for (Loop loop : loops) {
                if (loop.failing()) {
                    failing.add(loop.name() + ": " + loop.lastFailure());
                }
            }
        }
        return failing;
    }

    /** The platform answered: the loops that were waiting out a failure try again now. */
    void wakeFailing() {
        synchronized (loops) {
            for (Loop loop : loops) {
                loop.wakeUpIfFailing();
            }
        }
    }

    void stopAllBut(Loop kept) {
        synchronized (loops) {
            for (Loop loop : loops) {
                if (loop != kept) {
                    loop.stop();
                }
            }
        }
    }

    void stopAll() {
        synchronized (loops) {
            loops.forEach(Loop::stop);
        }
    }

    void shutdown() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void wake(Loop loop) {
        if (loop != null) {
            loop.wakeUp();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "mooring-agent-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
