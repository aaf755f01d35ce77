package io.mooring.health.domain;

import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One deduplicated line of a cluster's event log: every event with the same {@link EventKey}, with how often
 * it happened, when first and last, and the latest type, message and source.
 *
 * <p>An incoming {@code ClusterEvent.count} is cumulative per Event object (uid): the same uid seen again
 * with count 7 after count 5 is 2 more occurrences, not 7. Several Event objects feed one entry (one per
 * distinct message), so the entry remembers the last count of its {@value #RECENT_UIDS} most recently seen
 * uids. Resent or reordered events then add nothing, and counts never go backwards. A uid that dropped out of
 * that window and reappears is counted afresh: a bounded over-count, in exchange for a bounded entry.
 */
public record EventEntry(
        EventKey key,
        String type,
        String message,
        String source,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<SeenUid> recentUids) {

    public static final int RECENT_UIDS = 8;

    /** The highest count seen for one Event object. */
    public record SeenUid(String uid, int count) {
        public SeenUid {
            Objects.requireNonNull(uid, "uid");
        }
    }

    public EventEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (count < 1) {
            throw new IllegalArgumentException("An entry stands for at least one event: count " + count);
        }
        recentUids = recentUids == null ? List.of() : List.copyOf(recentUids);
    }

    /**
     * A new entry from the first event of its key. {@code receivedAt} stands in for missing timestamps, which
     * some event sources leave empty.
     */
    public static EventEntry from(ClusterEvent event, Instant receivedAt) {
        Instant first = firstNonNull(event.firstSeen(), event.lastSeen(), receivedAt);
        Instant last = firstNonNull(event.lastSeen(), event.firstSeen(), receivedAt);
        int occurrences = occurrences(event);
        List<SeenUid> uids = hasUid(event) ? List.of(new SeenUid(event.uid(), occurrences)) : List.of();
        return new EventEntry(EventKey.of(event), event.type(), event.message(), event.source(), occurrences,
                min(first, last), max(first, last), uids);
    }

    /** This entry with one more event of the same key folded in. */
    public EventEntry merge(ClusterEvent event, Instant receivedAt) {
        EventKey incomingKey = EventKey.of(event);
        if (!key.equals(incomingKey)) {
            throw new IllegalArgumentException("Event " + incomingKey + " does not belong to entry " + key);
        }
        EventEntry incoming = from(event, receivedAt);
        int occurrences = occurrences(event);

        long added = occurrences;
        List<SeenUid> uids = new ArrayList<>(recentUids.size() + 1);
        if (hasUid(event)) {
            int before = 0;
            for (SeenUid seen : recentUids) {
                if (seen.uid().equals(event.uid())) {
                    before = seen.count();
                } else {
                    uids.add(seen);
                }
            }
            added = Math.max(0, occurrences - before);
            uids.add(0, new SeenUid(event.uid(), Math.max(before, occurrences)));
            if (uids.size() > RECENT_UIDS) {
                uids = uids.subList(0, RECENT_UIDS);
            }
        } else {
            uids.addAll(recentUids);
        }

        // The newest event describes the entry; a late, older one only widens the time span.
        boolean newer = !incoming.lastSeen().isBefore(lastSeen);
        return new EventEntry(
                key,
                newer && event.type() != null ? event.type() : type,
                newer && event.message() != null ? event.message() : message,
                newer && event.source() != null ? event.source() : source,
                saturatingAdd(count, added),
                min(firstSeen, incoming.firstSeen()),
                max(lastSeen, incoming.lastSeen()),
                uids);
    }

    /** The position of this entry, stored under {@code id}, in newest-first order. */
    public EventCursor cursor(UUID id) {
        return new EventCursor(lastSeen, id);
    }

    private static int occurrences(ClusterEvent event) {
        // events.k8s.io/v1 leaves the count at 0 for an event that happened once.
        return Math.max(1, event.count());
    }

    private static boolean hasUid(ClusterEvent event) {
        return event.uid() != null && !event.uid().isBlank();
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private static Instant firstNonNull(Instant a, Instant b, Instant c) {
        Instant result = a != null ? a : b != null ? b : c;
        return Objects.requireNonNull(result, "receivedAt");
    }

    private static Instant min(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
