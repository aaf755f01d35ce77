package io.mooring.health.domain;

import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds a batch of incoming events into the event-log entries they belong to: repeats of one object's reason
 * become one entry with a count, so the service writes each touched entry once per batch (load the entries for
 * {@link #keysOf}, fold, upsert) instead of once per event. (The agent's {@code EventDeduplicator} has another
 * job: it drops unchanged repeats before they are sent.)
 */
public final class EventFolder {

    private EventFolder() {
    }

    /** The keys a batch touches, in first-seen order: what to load before {@link #fold}. */
    public static Set<EventKey> keysOf(Collection<ClusterEvent> events) {
        Set<EventKey> keys = new LinkedHashSet<>();
        for (ClusterEvent event : events) {
            keys.add(EventKey.of(event));
        }
        return keys;
    }

    /**
     * The entries touched by {@code events}, each the stored entry ({@code existing} returns null for a new key)
     * with the batch's events of its key merged in the order given. Untouched entries are not returned.
     */
    public static Map<EventKey, EventEntry> fold(
            Function<EventKey, EventEntry> existing, Collection<ClusterEvent> events, Instant receivedAt) {
        Map<EventKey, EventEntry> touched = new LinkedHashMap<>();
        for (ClusterEvent event : events) {
            EventKey key = EventKey.of(event);
            EventEntry current = touched.containsKey(key) ? touched.get(key) : existing.apply(key);
            touched.put(key, current == null ? EventEntry.from(event, receivedAt) : current.merge(event, receivedAt));
        }
        return touched;
    }
}
