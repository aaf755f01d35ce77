package io.mooring.health.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.health.config.HealthConfig;
import io.mooring.health.repository.EventRepository;
import io.mooring.health.repository.EventRepository.BatchWrite;
import io.mooring.health.repository.EventRepository.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes event batches with at most {@code mooring.health.events.writers} transactions at a time; the batches that
 * arrive while those run are written together by the next one (up to {@value #MAX_GROUP}). Alone, a batch is written
 * at once; under load, 10,000 clusters' small batches cost a few transactions instead of one each, which is what the
 * database's time went to (each transaction is five statements and a WAL flush, whatever its size).
 *
 * <p>A group that fails is written again batch by batch, so that one batch's fault is its own.
 *
 * <p>What it holds is bounded ({@code mooring.health.events.max-queued-batches} and {@code max-queued-events},
 * counting the batches being written too): when the database is slow, the batch that would go over is refused
 * with {@link TooBusy} at once, and the agent keeps it and sends it again after {@code Retry-After}, instead of
 * the heap filling with batches that their senders time out on and send again.
 */
@ApplicationScoped
public class EventBatchWriter {

    static final int MAX_GROUP = 100;

    private record Pending(BatchWrite batch, int events, EventRepository.Fold fold, Context context,
            UniEmitter<? super Outcome> emitter) {
    }

    private final EventRepository events;
    private final HealthConfig.Events config;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writers = new AtomicInteger();
    private final AtomicInteger heldBatches = new AtomicInteger();
    private final AtomicLong heldEvents = new AtomicLong();

    public EventBatchWriter(EventRepository events, HealthConfig config, MeterRegistry metrics) {
        this.events = events;
        this.config = config.events();
        Gauge.builder("mooring.health.events.queued", heldBatches, AtomicInteger::get)
                .description("Event batches accepted and not yet written").register(metrics);
    }

    /**
     * Writes a batch of {@code eventCount} events, or fails with {@link TooBusy} at once when the batches held
     * already reach a bound. With no events held, a batch is taken however many events it has (the validator
     * caps them), so a bound set below the largest batch cannot refuse a batch forever.
     */
    public Uni<Outcome> write(BatchWrite batch, int eventCount, EventRepository.Fold fold) {
        return Uni.createFrom().emitter(emitter -> {
            if (!reserve(eventCount)) {
                emitter.fail(new TooBusy("The event log is writing slower than batches arrive; send this batch again later.",
                        config.busyRetryAfter()));
                return;
            }
            queue.add(new Pending(batch, eventCount, fold, Vertx.currentContext(), emitter));
            drain();
        });
    }

    /** Batches accepted and not yet written, those being written included. */
    public int heldBatches() {
        return heldBatches.get();
    }

    private boolean reserve(int eventCount) {
        if (heldBatches.incrementAndGet() > config.maxQueuedBatches()) {
            heldBatches.decrementAndGet();
            return false;
        }
        long before = heldEvents.getAndAdd(eventCount);
        if (before > 0 && before + eventCount > config.maxQueuedEvents()) {
            heldEvents.addAndGet(-eventCount);
            heldBatches.decrementAndGet();
            return false;
        }
        return true;
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = writers.get();
            if (running >= config.writers()) {
                return; // a writer that finishes drains again
            }
            if (!writers.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> group = new ArrayList<>();
            Pending next;
            while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                writers.decrementAndGet();
                continue;
            }
            write(group);
        }
    }

    private void write(List<Pending> group) {
        Map<BatchWrite, EventRepository.Fold> folds = new IdentityHashMap<>();
        group.forEach(p -> folds.put(p.batch(), p.fold()));
        EventRepository.Fold fold = (batch, stored) -> folds.get(batch).apply(batch, stored);
        events.applyBatches(group.stream().map(Pending::batch).toList(), fold).subscribe().with(
                outcomes -> {
                    for (int i = 0; i < group.size(); i++) {
                        complete(group.get(i), outcomes.get(i), null);
                    }
                    finished();
                },
                failure -> {
                    if (group.size() == 1) {
                        complete(group.get(0), null, failure);
                        finished();
                    } else {
                        writeOneByOne(group, 0);
                    }
                });
    }

    private void writeOneByOne(List<Pending> group, int index) {
        if (index == group.size()) {
            finished();
            return;
        }
        Pending pending = group.get(index);
        events.applyBatches(List.of(pending.batch()), pending.fold()).subscribe().with(
                outcomes -> {
                    complete(pending, outcomes.get(0), null);
                    writeOneByOne(group, index + 1);
                },
                failure -> {
                    complete(pending, null, failure);
                    writeOneByOne(group, index + 1);
                });
    }

    private void finished() {
        writers.decrementAndGet();
        drain();
    }

    /** On the caller's own Vert.x context, where its request goes on. */
    private void complete(Pending pending, Outcome outcome, Throwable failure) {
        heldBatches.decrementAndGet();
        heldEvents.addAndGet(-pending.events());
        Runnable done = () -> {
            if (failure != null) {
                pending.emitter().fail(failure);
            } else {
                pending.emitter().complete(outcome);
            }
        };
        if (pending.context() == null || pending.context() == Vertx.currentContext()) {
            done.run();
        } else {
            pending.context().runOnContext(v -> done.run());
        }
    }
}
