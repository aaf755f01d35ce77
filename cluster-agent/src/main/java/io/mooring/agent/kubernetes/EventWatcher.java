package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.mooring.agent.domain.Backoff;
import io.mooring.agent.domain.ClusterEvents;
import io.mooring.agent.domain.EventBuffer;
import io.mooring.agent.domain.EventDeduplicator;
import io.mooring.events.agent.ClusterEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The cluster's events into the {@link EventBuffer}: first the events the cluster still holds (paged, oldest
 * first, at most a buffer-full of the newest, none the platform already had before a restart), then a watch from
 * that list's resource version. When the watch
 * ends the events are listed again and the watch resumes; the {@link EventDeduplicator} keeps unchanged repeats
 * out, so the platform sees each uid again only when its count grew.
 */
public final class EventWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventWatcher.class);
    private static final Comparator<ClusterEvent> BY_LAST_SEEN = Comparator.comparing(ClusterEvent::lastSeen,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final ClusterReader reader;
    private final KubernetesClient client;
    private final EventBuffer buffer;
    private final EventDeduplicator dedupe;
    private final ScheduledExecutorService executor;
    private final Duration backoffMax;
    private final Supplier<Instant> delivered;
    private KeptWatch<Event> watch;

    /**
     * @param delivered the newest last-seen time of the events the platform accepted before a restart: listed events
     *                  last seen more than two minutes before it are not relayed again
     */
    public EventWatcher(ClusterReader reader, EventBuffer buffer, EventDeduplicator dedupe, ScheduledExecutorService executor,
            Duration backoffMax, Supplier<Instant> delivered) {
        this.delivered = delivered;
        this.reader = reader;
        this.client = reader.client();
        this.buffer = buffer;
        this.dedupe = dedupe;
        this.executor = executor;
        this.backoffMax = backoffMax;
    }

    public synchronized void start() {
        @SuppressWarnings("unchecked")
        KeptWatch<Event>[] holder = new KeptWatch[1];
        watch = new KeptWatch<>("events", options -> client.v1().events().inAnyNamespace().watch(options, holder[0].watcher()),
                (action, event) -> {
                    if (action == Watcher.Action.ADDED || action == Watcher.Action.MODIFIED) {
                        offer(event);
                    }
                }, this::relist, executor, new Backoff(Duration.ofSeconds(1), backoffMax, 2, 0.5, new Random()));
        holder[0] = watch;
        watch.start(relist());
    }

    /**
     * Lists the events the cluster holds and offers the newest buffer-full of those not seen before, in the order
     * they happened; older ones are remembered as seen but not relayed. Answers the list's resource version.
     */
    private String relist() {
        PriorityQueue<ClusterEvent> newest = new PriorityQueue<>(BY_LAST_SEEN);
        int[] skipped = {0};
        // A margin, because events are not observed strictly in last-seen order: what was waiting in the buffer
        // when the agent stopped may be a little older than the newest event delivered.
        Instant mark = delivered.get() == null ? null : delivered.get().minus(Duration.ofMinutes(2));
        String resourceVersion = reader.forEach(o -> client.v1().events().inAnyNamespace().list(o), event -> {
            ClusterEvents.from(event).filter(dedupe::isNew)
                    .filter(e -> mark == null || e.lastSeen() == null || !e.lastSeen().isBefore(mark)).ifPresent(e -> {
                newest.add(e);
                if (newest.size() > buffer.capacity()) {
                    newest.poll();
                    skipped[0]++;
                }
            });
        });
        if (skipped[0] > 0) {
            LOG.infof("The cluster holds more events than the buffer; the %d oldest were not relayed", skipped[0]);
        }
        while (!newest.isEmpty()) {
            buffer.offer(newest.poll());
        }
        return resourceVersion;
    }

    private void offer(Event event) {
        ClusterEvents.from(event).ifPresent(e -> {
            if (dedupe.isNew(e)) {
                buffer.offer(e);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
