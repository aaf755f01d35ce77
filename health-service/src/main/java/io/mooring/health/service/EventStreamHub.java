package io.mooring.health.service;

import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.domain.StoredEntry;
import io.mooring.health.repository.EventRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Live event streams, correct with any number of instances: every committed batch, whichever instance took
 * it, sends a PostgreSQL NOTIFY naming the cluster and the entries it touched (see
 * {@link EventRepository#CHANNEL}); each instance LISTENs on one connection of its own, and for clusters
 * someone here is watching loads those entries and hands them to the matching streams. NOTIFY is delivered
 * on commit, in commit order, so a stream never sees an uncommitted entry nor misses a committed one while
 * the listening connection is up (after a reconnect, what was committed in between is not replayed; the
 * client can page the log from its last entry). Memory is bounded by the open streams and their buffers,
 * and the open streams by {@code mooring.health.events.max-streams-per-caller} per caller and
 * {@code mooring.health.events.max-streams} in all (on this instance). A deleted cluster's streams end on every
 * instance: the deletion's transaction sends a notification on the same channel ({@link EventRepository#DELETED}),
 * so they end after the entries committed before it, and only if the deletion commits.
 */
@ApplicationScoped
public class EventStreamHub {

    private static final Logger LOG = Logger.getLogger(EventStreamHub.class);
    private static final int MAX_PENDING_NOTIFICATIONS = 10_000;

    private record Watcher(EventFilter filter, MultiEmitter<? super StoredEntry> emitter) {
    }

    /** Entries committed for a cluster, or (no ids, {@code deleted}) the cluster's deletion. */
    private record Notification(UUID clusterId, List<UUID> ids, boolean deleted) {
    }

    private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Integer> streamsPerCaller = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Queue<Notification> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final EventRepository events;
    private final Vertx vertx;
    private final HealthConfig config;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    public EventStreamHub(EventRepository events, Vertx vertx, HealthConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.events = events;
        this.vertx = vertx;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options);
        // Keep trying every second while the database is away; LISTEN is sent again on each reconnect.
        subscriber.reconnectPolicy(attempt -> 1000L);
        subscriber.channel(EventRepository.CHANNEL)
                .subscribeHandler(() -> listening.set(true))
                .handler(this::onNotification);
        subscriber.connect().subscribe().with(
                v -> LOG.debug("Listening for event-log notifications"),
                e -> LOG.warnf("Could not listen for event-log notifications yet: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(v -> { }, e -> { });
        }
        watchers.values().forEach(set -> set.forEach(w -> w.emitter().complete()));
    }

    /** Whether this instance is listening (its LISTEN has been acknowledged). */
    public boolean listening() {
        return listening.get();
    }

    /**
     * Claims one of {@code caller}'s live streams, or refuses with {@link TooBusy} when the caller holds the
     * most it may, and with {@link StreamsFull} when this instance does. Run the answer once the stream ends,
     * however it ends; running it again does nothing.
     */
    public Runnable claimStream(String caller) {
        int max = config.events().maxStreamsPerCaller();
        if (streamsPerCaller.merge(caller, 1, Integer::sum) > max) {
            release(caller);
            throw new TooBusy("You have " + max + " live event streams open already; close one first.",
                    config.events().busyRetryAfter());
        }
        int maxHere = config.events().maxStreams();
        if (openStreams.incrementAndGet() > maxHere) {
            openStreams.decrementAndGet();
            release(caller);
            throw new StreamsFull(maxHere, config.events().busyRetryAfter());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                openStreams.decrementAndGet();
                release(caller);
            }
        };
    }

    /** Live streams open on this instance, whoever holds them. */
    public int openStreams() {
        return openStreams.get();
    }

    /** Live streams {@code caller} holds open here. */
    public int streamsOf(String caller) {
        return streamsPerCaller.getOrDefault(caller, 0);
    }

    private void release(String caller) {
        streamsPerCaller.computeIfPresent(caller, (c, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * New and updated entries of {@code clusterId} that match {@code filter}, from now on, until cancelled; when
     * the cluster is deleted they fail with {@link ClusterGone}, and they complete when the service stops.
     */
    public Multi<StoredEntry> watch(UUID clusterId, EventFilter filter) {
        return Multi.createFrom().<StoredEntry>emitter(emitter -> {
            Watcher watcher = new Watcher(filter, emitter);
            watchers.computeIfAbsent(clusterId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
            emitter.onTermination(() -> watchers.computeIfPresent(clusterId, (id, set) -> {
                set.remove(watcher);
                return set.isEmpty() ? null : set;
            }));
            // A deletion that committed between the caller's access check and this registration sent its
            // notification to no one: look at the tombstone once, now that a later deletion cannot be missed.
            events.isDeleted(clusterId).subscribe().with(
                    deleted -> {
                        if (deleted) {
                            emitter.fail(new ClusterGone(clusterId));
                        }
                    },
                    e -> LOG.debugf("Could not check whether cluster %s is deleted: %s", clusterId, e.getMessage()));
        }, config.events().streamBuffer());
    }

    /** Ends the streams of a cluster that no longer exists. */
    private void clusterDeleted(UUID clusterId) {
        Set<Watcher> set = watchers.remove(clusterId);
        if (set != null) {
            LOG.debugf("Ending %d live streams of deleted cluster %s", set.size(), clusterId);
            set.forEach(w -> w.emitter().fail(new ClusterGone(clusterId)));
        }
    }

    private void onNotification(String payload) {
        LOG.debugf("Notification %s (watching %s)", payload, watchers.keySet());
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        UUID clusterId;
        List<UUID> ids = new ArrayList<>();
        boolean deleted = EventRepository.DELETED.equals(payload.substring(colon + 1));
        try {
            clusterId = UUID.fromString(payload.substring(0, colon));
            if (!watchers.containsKey(clusterId)) {
                return;
            }
            for (String id : payload.substring(colon + 1).split(",")) {
                if (!id.isEmpty() && !deleted) {
                    ids.add(UUID.fromString(id));
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.debugf("Ignoring a malformed notification: %s", payload);
            return;
        }
        if (ids.isEmpty() && !deleted) {
            return;
        }
        if (pendingCount.incrementAndGet() > MAX_PENDING_NOTIFICATIONS) {
            pendingCount.decrementAndGet();
            LOG.warn("Live streams fall behind: a notification was dropped");
            return;
        }
        pending.add(new Notification(clusterId, ids, deleted));
        drain();
    }

    /** Handles notifications one at a time, so streams get entries in commit order. */
    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        Notification next = pending.poll();
        if (next == null) {
            draining.set(false);
            if (!pending.isEmpty()) {
                drain();
            }
            return;
        }
        pendingCount.decrementAndGet();
        if (next.deleted()) {
            // In its turn, so the entries committed before the deletion reach the streams first.
            clusterDeleted(next.clusterId());
            draining.set(false);
            drain();
            return;
        }
        events.byIds(next.clusterId(), next.ids()).subscribe().with(
                entries -> {
                    deliver(next.clusterId(), entries);
                    draining.set(false);
                    drain();
                },
                failure -> {
                    LOG.warnf("Could not load entries for live streams: %s", failure.getMessage());
                    draining.set(false);
                    drain();
                });
    }

    private void deliver(UUID clusterId, List<StoredEntry> entries) {
        Set<Watcher> set = watchers.get(clusterId);
        LOG.debugf("Delivering %d entries of %s to %s", entries.size(), clusterId, set);
        if (set == null) {
            return;
        }
        for (Watcher watcher : set) {
            for (StoredEntry entry : entries) {
                if (watcher.filter().matches(entry.entry())) {
                    watcher.emitter().emit(entry);
                }
            }
        }
    }
}
