package io.mooring.health.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives connectivity from stored heartbeat times. It holds no state, so several health-service instances
 * given the same stored times reach the same answer; the service makes each transition happen once by
 * storing it with a compare-and-set on the previous state ({@code UPDATE ... WHERE connectivity = :previous}).
 * Heartbeat times should be the platform's receive time, not the agent's {@code sentAt}: agent clocks drift.
 */
public final class ConnectivityTracker {

    public static final Duration DEFAULT_THRESHOLD = Duration.ofMinutes(10);

    private final Duration threshold;

    public ConnectivityTracker() {
        this(DEFAULT_THRESHOLD);
    }

    public ConnectivityTracker(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("The connectivity threshold must be positive: " + threshold);
        }
        this.threshold = threshold;
    }

    public Duration threshold() {
        return threshold;
    }

    /**
     * The state at {@code now}. A heartbeat exactly {@code threshold} old still counts ("within the
     * threshold"); a heartbeat in the future (another instance's clock is ahead) counts as fresh.
     */
    public Connectivity stateAt(Instant firstHeartbeat, Instant lastHeartbeat, Instant now) {
        Objects.requireNonNull(now, "now");
        Instant last = lastHeartbeat != null ? lastHeartbeat : firstHeartbeat;
        if (last == null) {
            return Connectivity.PENDING;
        }
        return silent(last, now) ? Connectivity.DISCONNECTED : Connectivity.CONNECTED;
    }

    /** When a cluster whose last heartbeat was {@code lastHeartbeat} becomes Disconnected without another one. */
    public Instant disconnectsAt(Instant lastHeartbeat) {
        return lastHeartbeat.plus(threshold);
    }

    /**
     * Clusters whose last heartbeat is strictly before this are Disconnected at {@code now}: the bound a sweep
     * puts in its query ({@code WHERE connectivity = 'Connected' AND last_heartbeat < :cutoff}).
     */
    public Instant disconnectedCutoff(Instant now) {
        return now.minus(threshold);
    }

    /** The transition from {@code previous} to {@code current}, if they differ. A null previous means Pending. */
    public static Optional<ConnectivityTransition> detect(Connectivity previous, Connectivity current, Instant at) {
        Objects.requireNonNull(current, "current");
        Connectivity from = previous == null ? Connectivity.PENDING : previous;
        return from == current ? Optional.empty() : Optional.of(new ConnectivityTransition(from, current, at));
    }

    /**
     * A heartbeat arrived at {@code receivedAt}; {@code stored*} are what was stored before it (null when none).
     * A silence longer than the threshold that no sweep recorded (every instance was down, or the sweep had not
     * come round yet) is still recorded as Disconnected then Connected, so history shows the outage.
     */
    public ConnectivityUpdate onHeartbeat(
            Connectivity stored, Instant storedFirstHeartbeat, Instant storedLastHeartbeat, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Connectivity previous = stored == null ? Connectivity.PENDING : stored;
        Instant first = min(storedFirstHeartbeat, receivedAt);
        Instant last = max(storedLastHeartbeat, receivedAt);

        List<ConnectivityTransition> transitions = new ArrayList<>(2);
        if (previous == Connectivity.CONNECTED && storedLastHeartbeat != null && silent(storedLastHeartbeat, receivedAt)) {
            transitions.add(new ConnectivityTransition(
                    Connectivity.CONNECTED, Connectivity.DISCONNECTED, disconnectsAt(storedLastHeartbeat)));
            previous = Connectivity.DISCONNECTED;
        }
        detect(previous, Connectivity.CONNECTED, receivedAt).ifPresent(transitions::add);
        return new ConnectivityUpdate(Connectivity.CONNECTED, first, last, transitions);
    }

    /**
     * Periodic re-evaluation without a new heartbeat: the only way a cluster becomes Disconnected. It also
     * repairs a state another instance left behind (a heartbeat stored but its state change lost).
     */
    public ConnectivityUpdate onSweep(
            Connectivity stored, Instant firstHeartbeat, Instant lastHeartbeat, Instant now) {
        Connectivity previous = stored == null ? Connectivity.PENDING : stored;
        Connectivity current = stateAt(firstHeartbeat, lastHeartbeat, now);
        Instant last = lastHeartbeat != null ? lastHeartbeat : firstHeartbeat;

        List<ConnectivityTransition> transitions = new ArrayList<>(2);
        if (previous == Connectivity.PENDING && current == Connectivity.DISCONNECTED) {
            // It did connect once (there is a heartbeat), then fell silent: both steps belong in history.
            Instant first = firstHeartbeat != null ? firstHeartbeat : last;
            transitions.add(new ConnectivityTransition(Connectivity.PENDING, Connectivity.CONNECTED, first));
            transitions.add(new ConnectivityTransition(Connectivity.CONNECTED, Connectivity.DISCONNECTED, disconnectsAt(last)));
        } else if (previous != current) {
            Instant at = switch (current) {
                case DISCONNECTED -> disconnectsAt(last);
                // The exact first heartbeat after the outage is not known here; the latest one bounds it.
                case CONNECTED -> previous == Connectivity.PENDING && firstHeartbeat != null ? firstHeartbeat : last;
                case PENDING -> now;
            };
            transitions.add(new ConnectivityTransition(previous, current, at));
        }
        return new ConnectivityUpdate(current, firstHeartbeat, lastHeartbeat, transitions);
    }

    private boolean silent(Instant lastHeartbeat, Instant now) {
        return now.isAfter(disconnectsAt(lastHeartbeat));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
