package io.mooring.health.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a newest-first listing: the (lastSeen, id) of the last entry on the page. The next page is
 * every entry strictly after it in that order ({@code WHERE (last_seen, id) < (:lastSeen, :id)
 * ORDER BY last_seen DESC, id DESC}), which stays fast however deep the page, unlike OFFSET.
 * An entry updated while someone pages (its lastSeen moves up) leaves the later pages and shows on a fresh
 * first page: the log is live, and a page never repeats or skips an entry that did not change.
 */
public record EventCursor(Instant lastSeen, UUID id) {

    /**
     * Newest first, ties broken by id descending. Ids compare as unsigned bytes, as PostgreSQL orders
     * {@code uuid}, not as {@link UUID#compareTo} does (signed), so this order and the database's agree.
     */
    public static final Comparator<EventCursor> NEWEST_FIRST = Comparator.comparing(EventCursor::lastSeen)
            .thenComparing(EventCursor::id, EventCursor::compareIds)
            .reversed();

    public EventCursor {
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(id, "id");
    }

    /** Whether the entry at (lastSeen, id) belongs after this cursor, i.e. on a following page. */
    public boolean precedes(Instant lastSeen, UUID id) {
        return NEWEST_FIRST.compare(this, new EventCursor(lastSeen, id)) < 0;
    }

    static int compareIds(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
