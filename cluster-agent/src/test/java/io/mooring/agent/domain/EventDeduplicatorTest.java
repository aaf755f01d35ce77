package io.mooring.agent.domain;

import static io.mooring.agent.domain.EventBufferTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventDeduplicatorTest {

    @Test
    void anUnchangedEventSeenAgainIsNotNew() {
        EventDeduplicator dedupe = new EventDeduplicator(100);

        assertThat(dedupe.isNew(event("a", 1, 0))).isTrue();
        assertThat(dedupe.isNew(event("a", 1, 0))).isFalse();
        assertThat(dedupe.isNew(event("a", 2, 5))).isTrue();
        assertThat(dedupe.isNew(event("a", 1, 0))).as("an older copy, from a relist").isFalse();
        assertThat(dedupe.isNew(event("a", 2, 6))).as("same count, seen later").isTrue();
    }

    @Test
    void forgetsTheLeastRecentlySeenBeyondItsSize() {
        EventDeduplicator dedupe = new EventDeduplicator(3);
        dedupe.isNew(event("a", 1, 0));
        dedupe.isNew(event("b", 1, 0));
        dedupe.isNew(event("c", 1, 0));
        dedupe.isNew(event("a", 1, 0));
        dedupe.isNew(event("d", 1, 0));

        assertThat(dedupe.size()).isEqualTo(3);
        assertThat(dedupe.isNew(event("a", 1, 0))).isFalse();
        assertThat(dedupe.isNew(event("b", 1, 0))).as("forgotten, so sent again (the platform dedupes)").isTrue();
    }
}
