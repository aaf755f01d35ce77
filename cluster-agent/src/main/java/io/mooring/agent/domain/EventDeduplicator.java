package io.mooring.agent.domain;

import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the last state (count, last seen) of the most recently seen event uids, so that an event seen again
 * unchanged (a relist after a watch reconnects, a resync) is not sent again. Bounded: the least recently seen uid
 * is forgotten first, which at worst sends an unchanged event twice; the platform deduplicates by uid and count.
 */
public final class EventDeduplicator {

    private record Seen(int count, Instant lastSeen) {
    }

    private final LinkedHashMap<String, Seen> seen;

    public EventDeduplicator(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.seen = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** True the first time an event uid is seen with this count and last-seen time. */
    public synchronized boolean isNew(ClusterEvent event) {
        String key = EventBuffer.key(event);
        Seen now = new Seen(event.count(), event.lastSeen());
        Seen before = seen.get(key);
        if (before != null && !newer(now, before)) {
            return false;
        }
        seen.put(key, now);
        return true;
    }

    private static boolean newer(Seen now, Seen before) {
        if (now.count() != before.count()) {
            return now.count() > before.count();
        }
        if (now.lastSeen() == null || before.lastSeen() == null) {
            return !Objects.equals(now.lastSeen(), before.lastSeen()) && now.lastSeen() != null;
        }
        return now.lastSeen().isAfter(before.lastSeen());
    }

    public synchronized int size() {
        return seen.size();
    }
}
