package io.mooring.agent.domain;

import io.mooring.events.agent.ClusterEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events waiting to be sent, in the order they were seen, at most {@code capacity} of them: when it is full
 * the oldest is dropped and counted. An event whose uid is already waiting replaces the waiting one (it is the
 * same Kubernetes Event with a higher count) and moves to the end, so a batch never holds one uid twice.
 *
 * <p>{@link #drain(int)} takes the oldest events together with the number dropped since the previous drain; the
 * sender keeps that batch until the platform accepts it (resending it unchanged), so nothing is lost within the
 * buffer and the memory held is bounded by {@code capacity} plus one batch. Thread-safe: watches offer, the sender
 * drains.
 */
public final class EventBuffer {

    /** What one report carries: events in order, and how many were dropped before them. */
    public record Batch(List<ClusterEvent> events, long dropped) {
        public Batch {
            events = List.copyOf(events);
        }

        public boolean isEmpty() {
            return events.isEmpty() && dropped == 0;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, ClusterEvent> waiting = new LinkedHashMap<>();
    private long dropped;
    private long droppedTotal;
    private long offeredTotal;

    public EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Adds an event; answers false when it only repeated what is already waiting. */
    public synchronized boolean offer(ClusterEvent event) {
        String key = key(event);
        ClusterEvent previous = waiting.get(key);
        if (previous != null && !newer(event, previous)) {
            return false;
        }
        if (previous != null) {
            waiting.remove(key);
        }
        waiting.put(key, event);
        offeredTotal++;
        Iterator<Map.Entry<String, ClusterEvent>> oldest = waiting.entrySet().iterator();
        while (waiting.size() > capacity) {
            oldest.next();
            oldest.remove();
            dropped++;
            droppedTotal++;
        }
        return true;
    }

    /**
     * Takes up to {@code max} of the oldest events and the count of events dropped since the last drain (which is
     * reset); an empty batch (no event, nothing dropped) when there is nothing to report.
     */
    public synchronized Batch drain(int max) {
        List<ClusterEvent> events = new ArrayList<>(Math.min(max, waiting.size()));
        Iterator<ClusterEvent> it = waiting.values().iterator();
        while (it.hasNext() && events.size() < max) {
            events.add(it.next());
            it.remove();
        }
        Batch batch = new Batch(events, dropped);
        dropped = 0;
        return batch;
    }

    /**
     * A drained batch could not be delivered (the platform refused it): its events count as dropped, and the drops
     * it was to report are reported with the next batch instead.
     */
    public synchronized void undelivered(Batch batch) {
        dropped += batch.events().size() + batch.dropped();
        droppedTotal += batch.events().size();
    }

    public synchronized int size() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Events dropped since the last drain (not yet reported). */
    public synchronized long pendingDropped() {
        return dropped;
    }

    /** Every event dropped since the buffer was made. */
    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    public synchronized long offeredTotal() {
        return offeredTotal;
    }

    private static boolean newer(ClusterEvent candidate, ClusterEvent previous) {
        if (candidate.count() != previous.count()) {
            return candidate.count() > previous.count();
        }
        if (candidate.lastSeen() != null && previous.lastSeen() != null) {
            return candidate.lastSeen().isAfter(previous.lastSeen());
        }
        return !candidate.equals(previous);
    }

    static String key(ClusterEvent event) {
        if (event.uid() != null && !event.uid().isEmpty()) {
            return event.uid();
        }
        return event.namespace() + "/" + event.objectKind() + "/" + event.objectName() + "/" + event.reason() + "/"
                + event.firstSeen();
    }
}
