package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.agent.ClusterEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEntryTest {

    private static final Instant T0 = NOW.minus(Duration.ofHours(1));

    static ClusterEvent backOff(String uid, int count, Instant first, Instant last, String message) {
        return new ClusterEvent(uid, "Warning", "BackOff", message, "shop", "Pod", "cart-7", "kubelet", count, first, last);
    }

    private static ClusterEvent backOff(String uid, int count, Instant last) {
        return backOff(uid, count, T0, last, "Back-off restarting failed container app");
    }

    @Test
    void firstEventStartsAnEntryWithItsCountAndTimes() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 3, T0.plusSeconds(60)), NOW);

        assertThat(entry.key()).isEqualTo(new EventKey("shop", "Pod", "cart-7", "BackOff"));
        assertThat(entry.count()).isEqualTo(3);
        assertThat(entry.firstSeen()).isEqualTo(T0);
        assertThat(entry.lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(entry.type()).isEqualTo("Warning");
        assertThat(entry.source()).isEqualTo("kubelet");
    }

    @Test
    void sameEventObjectSeenAgainAddsOnlyTheNewOccurrences() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 5, T0.plusSeconds(60)), NOW)
                .merge(backOff("uid-1", 7, T0.plusSeconds(120)), NOW);

        assertThat(entry.count()).isEqualTo(7);
        assertThat(entry.lastSeen()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void resentEventAddsNothing() {
        ClusterEvent event = backOff("uid-1", 5, T0.plusSeconds(60));
        EventEntry once = EventEntry.from(event, NOW);

        assertThat(once.merge(event, NOW)).isEqualTo(once);
    }

    @Test
    void countNeverGoesBackwardsWhenAnOlderUpdateArrivesLate() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 9, T0.plusSeconds(300)), NOW)
                .merge(backOff("uid-1", 4, T0.plusSeconds(100)), NOW);

        assertThat(entry.count()).isEqualTo(9);
        assertThat(entry.lastSeen()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void differentEventObjectsForTheSameObjectAndReasonAddUpExactlyWhenInterleaved() {
        // Two crashing containers: Kubernetes keeps one Event object per message, both counting up.
        EventEntry entry = EventEntry.from(backOff("container-a", 1, T0.plusSeconds(10)), NOW);
        entry = entry.merge(backOff("container-b", 1, T0.plusSeconds(20)), NOW);
        entry = entry.merge(backOff("container-a", 2, T0.plusSeconds(30)), NOW);
        entry = entry.merge(backOff("container-b", 2, T0.plusSeconds(40)), NOW);
        entry = entry.merge(backOff("container-a", 3, T0.plusSeconds(50)), NOW);

        assertThat(entry.count()).isEqualTo(5);
        assertThat(entry.recentUids()).extracting(EventEntry.SeenUid::uid).containsExactly("container-a", "container-b");
    }

    @Test
    void lastSeenIsTheLatestAndFirstSeenTheEarliest() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 1, T0.plusSeconds(100), T0.plusSeconds(200), "m"), NOW)
                .merge(backOff("uid-2", 1, T0, T0.plusSeconds(50), "m"), NOW)
                .merge(backOff("uid-3", 1, T0.plusSeconds(300), T0.plusSeconds(400), "m"), NOW);

        assertThat(entry.firstSeen()).isEqualTo(T0);
        assertThat(entry.lastSeen()).isEqualTo(T0.plusSeconds(400));
    }

    @Test
    void newestEventDescribesTheEntryAndALateOlderOneDoesNot() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 1, T0, T0.plusSeconds(100), "newer"), NOW)
                .merge(backOff("uid-2", 1, T0, T0.plusSeconds(50), "older"), NOW);

        assertThat(entry.message()).isEqualTo("newer");
        assertThat(entry.merge(backOff("uid-3", 1, T0, T0.plusSeconds(150), "newest"), NOW).message())
                .isEqualTo("newest");
    }

    @Test
    void eventWithoutUidCountsEveryTime() {
        ClusterEvent anonymous = backOff(null, 2, T0.plusSeconds(10));

        assertThat(EventEntry.from(anonymous, NOW).merge(anonymous, NOW).count()).isEqualTo(4);
    }

    @Test
    void zeroCountIsOneOccurrence() {
        assertThat(EventEntry.from(backOff("uid-1", 0, T0), NOW).count()).isEqualTo(1);
    }

    @Test
    void missingTimestampsFallBackToTheOtherOrToTheReceiveTime() {
        var onlyLast = new ClusterEvent("u", "Normal", "Pulled", "m", "ns", "Pod", "p", "kubelet", 1, null, T0);
        var none = new ClusterEvent("v", "Normal", "Pulled", "m", "ns", "Pod", "p", "kubelet", 1, null, null);

        assertThat(EventEntry.from(onlyLast, NOW).firstSeen()).isEqualTo(T0);
        EventEntry entry = EventEntry.from(none, NOW);
        assertThat(entry.firstSeen()).isEqualTo(NOW);
        assertThat(entry.lastSeen()).isEqualTo(NOW);
    }

    @Test
    void eventOfAnotherKeyIsRefused() {
        EventEntry entry = EventEntry.from(backOff("uid-1", 1, T0), NOW);
        var other = new ClusterEvent("uid-9", "Warning", "Failed", "m", "shop", "Pod", "cart-7", "kubelet", 1, T0, T0);

        assertThatThrownBy(() -> entry.merge(other, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remembersOnlyABoundedNumberOfEventObjects() {
        EventEntry entry = EventEntry.from(backOff("uid-0", 1, T0), NOW);
        for (int i = 1; i < 20; i++) {
            entry = entry.merge(backOff("uid-" + i, 1, T0.plusSeconds(i)), NOW);
        }

        assertThat(entry.count()).isEqualTo(20);
        assertThat(entry.recentUids()).hasSize(EventEntry.RECENT_UIDS)
                .extracting(EventEntry.SeenUid::uid).startsWith("uid-19", "uid-18");
    }

    @Test
    void cursorOfAnEntryIsItsLastSeenAndId() {
        var id = UUID.randomUUID();
        EventEntry entry = EventEntry.from(backOff("uid-1", 1, T0.plusSeconds(5)), NOW);

        assertThat(entry.cursor(id)).isEqualTo(new EventCursor(T0.plusSeconds(5), id));
    }
}
