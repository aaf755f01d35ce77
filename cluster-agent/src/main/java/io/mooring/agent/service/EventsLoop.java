package io.mooring.agent.service;

import io.mooring.agent.domain.EventBuffer;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.events.agent.EventBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The events: drained from the buffer in batches, in order; a batch the platform did not take is sent again as it
 * was (same report id). What was delivered is remembered across restarts, so a restarted watch skips it.
 */
final class EventsLoop implements Loop.Body {

    // The agent's log category, the one operators filter on.
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final AgentAssembly parts;
    private EventBatch inflight;
    /** The latest last-seen time of the events the platform accepted (kept in the state directory across restarts). */
    private volatile Instant delivered;
    private final AtomicLong sent = new AtomicLong();

    EventsLoop(AgentAssembly parts) {
        this.parts = parts;
    }

    /** Reads what was delivered before a restart. */
    void restore() {
        delivered = parts.state.eventsDelivered().orElse(null);
    }

    Instant delivered() {
        return delivered;
    }

    long sent() {
        return sent.get();
    }

    @Override
    public Duration run() {
        EventBuffer events = parts.events;
        if (inflight == null) {
            EventBuffer.Batch batch = events.drain(parts.settings.eventBatchSize());
            if (batch.isEmpty()) {
                return parts.settings.eventsFlushInterval();
            }
            inflight = new EventBatch(UUID.randomUUID(), batch.events(), batch.dropped());
        }
        EventBatch batch = inflight;
        try {
            parts.calls.run(token -> parts.platform.events(token, batch));
        } catch (PlatformException e) {
            if (e.kind() == Kind.REJECTED || e.kind() == Kind.TOO_LARGE) {
                LOG.warnf("An event batch of %d was refused and is dropped: %s", batch.events().size(), e.getMessage());
                events.undelivered(new EventBuffer.Batch(batch.events(), batch.dropped()));
                inflight = null;
                return parts.settings.eventsFlushInterval();
            }
            throw e;
        }
        inflight = null;
        sent.addAndGet(batch.events().size());
        rememberDelivered(batch);
        return events.size() >= parts.settings.eventBatchSize() ? Duration.ZERO : parts.settings.eventsFlushInterval();
    }

    private void rememberDelivered(EventBatch batch) {
        Instant latest = delivered;
        for (var event : batch.events()) {
            if (event.lastSeen() != null && (latest == null || event.lastSeen().isAfter(latest))) {
                latest = event.lastSeen();
            }
        }
        if (latest != null && !latest.equals(delivered)) {
            delivered = latest;
            try {
                parts.state.eventsDelivered(latest);
            } catch (RuntimeException e) {
                LOG.debugf("Could not record the delivered events: %s", e.getMessage());
            }
        }
    }
}
