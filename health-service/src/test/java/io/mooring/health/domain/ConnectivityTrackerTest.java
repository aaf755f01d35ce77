package io.mooring.health.domain;

import static io.mooring.health.domain.Connectivity.CONNECTED;
import static io.mooring.health.domain.Connectivity.DISCONNECTED;
import static io.mooring.health.domain.Connectivity.PENDING;
import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.health.domain.Fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectivityTrackerTest {

    private final ConnectivityTracker tracker = new ConnectivityTracker();

    @Test
    void defaultThresholdIsTenMinutes() {
        assertThat(tracker.threshold()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void clusterIsPendingUntilItsFirstHeartbeat() {
        assertThat(tracker.stateAt(null, null, NOW)).isEqualTo(PENDING);
    }

    @Test
    void clusterIsConnectedWhileTheLastHeartbeatIsWithinTheThreshold() {
        Instant first = NOW.minus(Duration.ofHours(2));
        assertThat(tracker.stateAt(first, NOW.minusSeconds(30), NOW)).isEqualTo(CONNECTED);
        assertThat(tracker.stateAt(first, NOW.minus(Duration.ofMinutes(10)), NOW))
                .as("exactly ten minutes is still within the threshold")
                .isEqualTo(CONNECTED);
    }

    @Test
    void clusterGoesDisconnectedAfterTenMinutesOfSilence() {
        Instant last = NOW.minus(Duration.ofMinutes(10)).minusMillis(1);
        assertThat(tracker.stateAt(last, last, NOW)).isEqualTo(DISCONNECTED);
    }

    @Test
    void heartbeatFromTheFutureCountsAsFresh() {
        assertThat(tracker.stateAt(NOW, NOW.plusSeconds(5), NOW)).isEqualTo(CONNECTED);
    }

    @Test
    void thresholdIsConfigurable() {
        ConnectivityTracker impatient = new ConnectivityTracker(Duration.ofMinutes(1));
        Instant last = NOW.minusSeconds(61);
        assertThat(impatient.stateAt(last, last, NOW)).isEqualTo(DISCONNECTED);
        assertThat(tracker.stateAt(last, last, NOW)).isEqualTo(CONNECTED);
    }

    @Test
    void nonPositiveThresholdIsRefused() {
        assertThatThrownBy(() -> new ConnectivityTracker(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectivityTracker(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstHeartbeatConnectsAPendingCluster() {
        ConnectivityUpdate update = tracker.onHeartbeat(PENDING, null, null, NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.firstHeartbeat()).isEqualTo(NOW);
        assertThat(update.lastHeartbeat()).isEqualTo(NOW);
        assertThat(update.transitions()).containsExactly(new ConnectivityTransition(PENDING, CONNECTED, NOW));
    }

    @Test
    void clusterWithNoStoredStateIsTreatedAsPending() {
        assertThat(tracker.onHeartbeat(null, null, null, NOW).transitions())
                .containsExactly(new ConnectivityTransition(PENDING, CONNECTED, NOW));
    }

    @Test
    void regularHeartbeatOfAConnectedClusterChangesNothing() {
        Instant first = NOW.minus(Duration.ofHours(1));
        ConnectivityUpdate update = tracker.onHeartbeat(CONNECTED, first, NOW.minusSeconds(30), NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.changed()).isFalse();
        assertThat(update.firstHeartbeat()).isEqualTo(first);
        assertThat(update.lastHeartbeat()).isEqualTo(NOW);
    }

    @Test
    void nextHeartbeatReconnectsADisconnectedCluster() {
        Instant first = NOW.minus(Duration.ofHours(1));
        ConnectivityUpdate update = tracker.onHeartbeat(DISCONNECTED, first, NOW.minus(Duration.ofMinutes(30)), NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.transitions()).containsExactly(new ConnectivityTransition(DISCONNECTED, CONNECTED, NOW));
    }

    @Test
    void heartbeatAfterAnUnnoticedSilenceRecordsTheOutageAndTheReconnection() {
        // No sweep ran while the agent was silent for 25 minutes (every instance was down, say).
        Instant last = NOW.minus(Duration.ofMinutes(25));
        ConnectivityUpdate update = tracker.onHeartbeat(CONNECTED, last.minus(Duration.ofHours(1)), last, NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.transitions()).containsExactly(
                new ConnectivityTransition(CONNECTED, DISCONNECTED, last.plus(Duration.ofMinutes(10))),
                new ConnectivityTransition(DISCONNECTED, CONNECTED, NOW));
    }

    @Test
    void heartbeatHandledByAnInstanceWhoseClockIsBehindNeverMovesTheLastHeartbeatBack() {
        Instant first = NOW.minus(Duration.ofHours(1));
        ConnectivityUpdate update = tracker.onHeartbeat(CONNECTED, first, NOW, NOW.minusSeconds(3));

        assertThat(update.lastHeartbeat()).isEqualTo(NOW);
        assertThat(update.changed()).isFalse();
    }

    @Test
    void sweepRecordsTheDisconnectionAtTheMomentTheThresholdPassedNotWhenItRan() {
        Instant last = NOW.minus(Duration.ofMinutes(13));
        ConnectivityUpdate update = tracker.onSweep(CONNECTED, last.minus(Duration.ofHours(1)), last, NOW);

        assertThat(update.state()).isEqualTo(DISCONNECTED);
        assertThat(update.transitions())
                .containsExactly(new ConnectivityTransition(CONNECTED, DISCONNECTED, NOW.minus(Duration.ofMinutes(3))));
        assertThat(update.lastHeartbeat()).isEqualTo(last);
    }

    @Test
    void sweepOfAConnectedClusterWithAFreshHeartbeatChangesNothing() {
        ConnectivityUpdate update = tracker.onSweep(CONNECTED, NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(40), NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.changed()).isFalse();
    }

    @Test
    void sweepLeavesANeverConnectedClusterPending() {
        ConnectivityUpdate update = tracker.onSweep(PENDING, null, null, NOW);

        assertThat(update.state()).isEqualTo(PENDING);
        assertThat(update.changed()).isFalse();
    }

    @Test
    void sweepLeavesADisconnectedClusterDisconnected() {
        Instant last = NOW.minus(Duration.ofHours(3));
        assertThat(tracker.onSweep(DISCONNECTED, last, last, NOW).changed()).isFalse();
    }

    @Test
    void sweepFindingAPendingClusterThatConnectedAndFellSilentRecordsBothSteps() {
        Instant first = NOW.minus(Duration.ofMinutes(40));
        Instant last = NOW.minus(Duration.ofMinutes(30));
        ConnectivityUpdate update = tracker.onSweep(PENDING, first, last, NOW);

        assertThat(update.state()).isEqualTo(DISCONNECTED);
        assertThat(update.transitions()).containsExactly(
                new ConnectivityTransition(PENDING, CONNECTED, first),
                new ConnectivityTransition(CONNECTED, DISCONNECTED, NOW.minus(Duration.ofMinutes(20))));
    }

    @Test
    void sweepConnectsAPendingClusterWhoseHeartbeatAnotherInstanceStored() {
        Instant first = NOW.minusSeconds(20);
        ConnectivityUpdate update = tracker.onSweep(PENDING, first, first, NOW);

        assertThat(update.transitions()).containsExactly(new ConnectivityTransition(PENDING, CONNECTED, first));
    }

    @Test
    void sweepRepairsADisconnectedStateWhenAFreshHeartbeatIsStored() {
        Instant last = NOW.minusSeconds(10);
        ConnectivityUpdate update = tracker.onSweep(DISCONNECTED, NOW.minus(Duration.ofHours(1)), last, NOW);

        assertThat(update.state()).isEqualTo(CONNECTED);
        assertThat(update.transitions()).containsExactly(new ConnectivityTransition(DISCONNECTED, CONNECTED, last));
    }

    @Test
    void detectReportsAChangeAndNothingWhenTheStateIsUnchanged() {
        assertThat(ConnectivityTracker.detect(CONNECTED, CONNECTED, NOW)).isEmpty();
        assertThat(ConnectivityTracker.detect(CONNECTED, DISCONNECTED, NOW))
                .contains(new ConnectivityTransition(CONNECTED, DISCONNECTED, NOW));
        assertThat(ConnectivityTracker.detect(null, CONNECTED, NOW))
                .contains(new ConnectivityTransition(PENDING, CONNECTED, NOW));
        assertThat(ConnectivityTracker.detect(null, PENDING, NOW)).isEmpty();
    }

    @Test
    void transitionToTheSameStateCannotBeBuilt() {
        assertThatThrownBy(() -> new ConnectivityTransition(CONNECTED, CONNECTED, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sweepCutoffAndDisconnectionTimeFollowTheThreshold() {
        assertThat(tracker.disconnectedCutoff(NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(tracker.disconnectsAt(NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void namesReadBackFromEitherForm() {
        assertThat(Connectivity.parse("Connected")).isEqualTo(CONNECTED);
        assertThat(Connectivity.parse("DISCONNECTED")).isEqualTo(DISCONNECTED);
        assertThat(PENDING.displayName()).isEqualTo("Pending");
        assertThatThrownBy(() -> Connectivity.parse("Lost")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Plays the whole life of a cluster against a controllable clock, the way the service would drive it. */
    @Test
    void pendingThenConnectedThenDisconnectedThenConnectedAgain() {
        MutableClock clock = new MutableClock(NOW);
        Stored stored = new Stored();

        stored.sweep(clock.instant());
        assertThat(stored.state).isEqualTo(PENDING);

        clock.advance(Duration.ofMinutes(3));
        stored.heartbeat(clock.instant());
        assertThat(stored.state).isEqualTo(CONNECTED);

        // Heartbeats every 30 s for five minutes, sweeps every minute: nothing changes.
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(30));
            stored.heartbeat(clock.instant());
            if (i % 2 == 1) {
                stored.sweep(clock.instant());
            }
        }
        Instant lastHeartbeat = clock.instant();

        // The agent goes silent; sweeps go on every minute.
        for (int minute = 1; minute <= 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            stored.sweep(clock.instant());
            assertThat(stored.state).as("after %d minutes of silence", minute).isEqualTo(CONNECTED);
        }
        clock.advance(Duration.ofMinutes(1));
        stored.sweep(clock.instant());
        assertThat(stored.state).isEqualTo(DISCONNECTED);

        clock.advance(Duration.ofMinutes(4));
        stored.heartbeat(clock.instant());
        assertThat(stored.state).isEqualTo(CONNECTED);

        assertThat(stored.history).containsExactly(
                new ConnectivityTransition(PENDING, CONNECTED, NOW.plus(Duration.ofMinutes(3))),
                new ConnectivityTransition(CONNECTED, DISCONNECTED, lastHeartbeat.plus(Duration.ofMinutes(10))),
                new ConnectivityTransition(DISCONNECTED, CONNECTED, clock.instant()));
    }

    /** What the service keeps per cluster. */
    private final class Stored {
        Connectivity state = PENDING;
        Instant first;
        Instant last;
        final List<ConnectivityTransition> history = new ArrayList<>();

        void heartbeat(Instant now) {
            apply(tracker.onHeartbeat(state, first, last, now));
        }

        void sweep(Instant now) {
            apply(tracker.onSweep(state, first, last, now));
        }

        private void apply(ConnectivityUpdate update) {
            state = update.state();
            first = update.firstHeartbeat();
            last = update.lastHeartbeat();
            history.addAll(update.transitions());
        }
    }
}
