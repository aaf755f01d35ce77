package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.agent.ClusterEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFolderTest {

    private static final Instant T0 = NOW.minus(Duration.ofMinutes(30));

    private static ClusterEvent event(String uid, String reason, String name, int count, int secondsAfterT0) {
        Instant at = T0.plusSeconds(secondsAfterT0);
        return new ClusterEvent(uid, "Warning", reason, reason + " " + name, "shop", "Pod", name, "kubelet", count, at, at);
    }

    @Test
    void batchIsFoldedIntoOneEntryPerKeyStartingFromTheStoredOnes() {
        EventEntry stored = EventEntry.from(event("u1", "BackOff", "cart-7", 10, 0), T0);
        List<ClusterEvent> batch = List.of(
                event("u1", "BackOff", "cart-7", 11, 60),
                event("u5", "FailedMount", "db-0", 1, 70),
                event("u1", "BackOff", "cart-7", 13, 120),
                event("u5", "FailedMount", "db-0", 1, 70));

        Map<EventKey, EventEntry> touched = EventFolder.fold(
                key -> key.equals(stored.key()) ? stored : null, batch, NOW);

        assertThat(touched).hasSize(2);
        EventEntry backOff = touched.get(new EventKey("shop", "Pod", "cart-7", "BackOff"));
        assertThat(backOff.count()).isEqualTo(13);
        assertThat(backOff.firstSeen()).isEqualTo(T0);
        assertThat(backOff.lastSeen()).isEqualTo(T0.plusSeconds(120));
        EventEntry mount = touched.get(new EventKey("shop", "Pod", "db-0", "FailedMount"));
        assertThat(mount.count()).as("the resent event adds nothing").isEqualTo(1);
    }

    @Test
    void keysOfABatchAreListedOnceInOrder() {
        var batch = List.of(event("a", "BackOff", "x", 1, 0), event("b", "Pulled", "y", 1, 1), event("c", "BackOff", "x", 1, 2));

        assertThat(EventFolder.keysOf(batch)).containsExactly(
                new EventKey("shop", "Pod", "x", "BackOff"), new EventKey("shop", "Pod", "y", "Pulled"));
    }

    @Test
    void emptyBatchTouchesNothing() {
        assertThat(EventFolder.fold(key -> null, List.of(), NOW)).isEmpty();
    }
}
