package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.domain.EventBuffer.Batch;
import io.mooring.events.agent.ClusterEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void keepsTheOrderEventsWereSeenIn() {
        EventBuffer buffer = new EventBuffer(10);
        IntStream.range(0, 5).forEach(i -> buffer.offer(event("e" + i, 1, i)));

        Batch batch = buffer.drain(3);

        assertThat(batch.events()).extracting(ClusterEvent::uid).containsExactly("e0", "e1", "e2");
        assertThat(batch.dropped()).isZero();
        assertThat(buffer.drain(10).events()).extracting(ClusterEvent::uid).containsExactly("e3", "e4");
        assertThat(buffer.drain(10).isEmpty()).isTrue();
    }

    @Test
    void dropsTheOldestWhenFullAndCountsThem() {
        EventBuffer buffer = new EventBuffer(4);
        IntStream.range(0, 10).forEach(i -> buffer.offer(event("e" + i, 1, i)));

        assertThat(buffer.size()).isEqualTo(4);
        Batch batch = buffer.drain(100);

        assertThat(batch.events()).extracting(ClusterEvent::uid).containsExactly("e6", "e7", "e8", "e9");
        assertThat(batch.dropped()).isEqualTo(6);
        assertThat(buffer.droppedTotal()).isEqualTo(6);
        // The count is reported once: the next batch starts from zero.
        buffer.offer(event("e10", 1, 10));
        assertThat(buffer.drain(100).dropped()).isZero();
    }

    @Test
    void anEventSeenAgainReplacesTheWaitingOneAndMovesToTheEnd() {
        EventBuffer buffer = new EventBuffer(10);
        buffer.offer(event("a", 1, 0));
        buffer.offer(event("b", 1, 1));
        buffer.offer(event("a", 3, 2));

        List<ClusterEvent> events = buffer.drain(10).events();

        assertThat(events).extracting(ClusterEvent::uid).containsExactly("b", "a");
        assertThat(events.get(1).count()).isEqualTo(3);
    }

    @Test
    void anOlderCopyOfAWaitingEventChangesNothing() {
        EventBuffer buffer = new EventBuffer(10);
        buffer.offer(event("a", 3, 5));

        assertThat(buffer.offer(event("a", 2, 4))).isFalse();
        assertThat(buffer.offer(event("a", 3, 5))).isFalse();
        assertThat(buffer.drain(10).events()).singleElement().satisfies(e -> assertThat(e.count()).isEqualTo(3));
    }

    @Test
    void aRefusedBatchIsReportedAsDroppedWithTheNextOne() {
        EventBuffer buffer = new EventBuffer(2);
        IntStream.range(0, 5).forEach(i -> buffer.offer(event("e" + i, 1, i)));
        Batch refused = buffer.drain(10);
        assertThat(refused.dropped()).isEqualTo(3);

        buffer.undelivered(refused);
        buffer.offer(event("e5", 1, 5));

        Batch next = buffer.drain(10);
        assertThat(next.dropped()).isEqualTo(5);
        assertThat(buffer.droppedTotal()).isEqualTo(5);
    }

    @Test
    void memoryStaysBoundedWhateverArrives() {
        EventBuffer buffer = new EventBuffer(1000);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            buffer.offer(event("e" + i, 1, i));
            if (i % 1000 == 0) {
                sizes.add(buffer.size());
            }
        }
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1000));
        assertThat(buffer.drain(5000).dropped()).isEqualTo(99_000);
    }

    @Test
    void eventsWithoutUidAreKeptApart() {
        EventBuffer buffer = new EventBuffer(10);
        buffer.offer(new ClusterEvent(null, "Warning", "BackOff", "m", "ns", "Pod", "a", "kubelet", 1, T0, T0));
        buffer.offer(new ClusterEvent(null, "Warning", "BackOff", "m", "ns", "Pod", "b", "kubelet", 1, T0, T0));
        assertThat(buffer.size()).isEqualTo(2);
    }

    static ClusterEvent event(String uid, int count, int second) {
        Instant at = T0.plusSeconds(second);
        return new ClusterEvent(uid, "Warning", "BackOff", "Back-off restarting failed container", "payments", "Pod", "api-" + uid, "kubelet",
                count, T0, at);
    }
}
