package io.mooring.health.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.agent.ClusterEvent;
import io.mooring.events.agent.EventBatch;
import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.EventCursor;
import io.mooring.health.domain.EventFilter;
import io.mooring.health.domain.EventFolder;
import io.mooring.health.domain.EventKey;
import io.mooring.health.domain.StoredEntry;
import io.mooring.health.repository.EventRepository;
import io.mooring.health.repository.Times;
import io.mooring.support.api.PageCursors;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The event log: batched, deduplicated writes; filtered, cursor-paginated reads; retention. */
@ApplicationScoped
@Startup // registers its meters at once, so they are scraped from the start
public class EventLogService {

    private static final Logger LOG = Logger.getLogger(EventLogService.class);

    /** The outcome of a batch, for the agent: events read and entries they touched. */
    public record BatchResult(UUID clusterId, int accepted, int entries, boolean duplicate) {
    }

    /** One page, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<StoredEntry> items, String nextCursor) {
    }

    private final EventRepository events;
    private final EventBatchWriter writer;
    private final PageCursors cursors;
    private final AgentGate gate;
    private final Clock clock;
    private final HealthConfig config;
    private final Counter accepted;
    private final Counter dropped;

    public EventLogService(EventRepository events, EventBatchWriter writer, PageCursors cursors, AgentGate gate,
            Clock clock, HealthConfig config, MeterRegistry metrics) {
        this.events = events;
        this.writer = writer;
        this.cursors = cursors;
        this.gate = gate;
        this.clock = clock;
        this.config = config;
        this.accepted = Counter.builder("mooring.health.events.accepted")
                .description("Kubernetes events accepted from agents").register(metrics);
        this.dropped = Counter.builder("mooring.health.events.dropped")
                .description("Events agents report having dropped from their buffers").register(metrics);
    }

    public Uni<BatchResult> ingest(UUID clusterId, EventBatch batch) {
        Instant now = Times.micros(clock.instant());
        List<ClusterEvent> normalised = new ArrayList<>(batch.events().size());
        for (ClusterEvent e : batch.events()) {
            Instant firstSeen = Times.micros(e.firstSeen());
            Instant lastSeen = Times.micros(e.lastSeen());
            // Agents send whole seconds (Kubernetes' event times): then the event is stored as it came, not copied.
            normalised.add(firstSeen == e.firstSeen() && lastSeen == e.lastSeen() ? e
                    : new ClusterEvent(e.uid(), e.type(), e.reason(), e.message(), e.namespace(), e.objectKind(),
                            e.objectName(), e.source(), e.count(), firstSeen, lastSeen));
        }
        Set<EventKey> keys = EventFolder.keysOf(normalised);
        EventRepository.BatchWrite write = new EventRepository.BatchWrite(clusterId, batch.reportId(), keys, now);
        return writer.write(write, normalised.size(), (b, stored) -> EventFolder.fold(stored, normalised, b.receivedAt()))
                .flatMap(outcome -> switch (outcome) {
                    case UNKNOWN_CLUSTER -> gate.<BatchResult>refuse(clusterId);
                    case DUPLICATE -> Uni.createFrom().item(new BatchResult(clusterId, 0, 0, true));
                    case APPLIED -> {
                        accepted.increment(normalised.size());
                        if (batch.dropped() > 0) {
                            dropped.increment(batch.dropped());
                            LOG.infof("Agent of %s dropped %d events while the platform was unreachable", clusterId,
                                    batch.dropped());
                        }
                        yield Uni.createFrom().item(new BatchResult(clusterId, normalised.size(), keys.size(), false));
                    }
                });
    }

    /** A page of the log; a cursor must come from the same cluster and filter, or the query is invalid. */
    public Uni<Page> page(UUID clusterId, EventFilter filter, String cursor, int limit) {
        List<String> position = cursors.decode(cursorScope(clusterId, filter), cursor, 2);
        EventCursor after = position == null ? null : eventCursor(position);
        return events.page(clusterId, filter, after, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<StoredEntry> items = rows.subList(0, limit);
            StoredEntry last = items.get(limit - 1);
            EventCursor next = last.entry().cursor(last.id());
            return new Page(List.copyOf(items), cursors.encode(cursorScope(clusterId, filter),
                    next.lastSeen().toString(), next.id().toString()));
        });
    }

    /** A cursor holds for the cluster and filter it was issued for, never another query's. */
    private static String cursorScope(UUID clusterId, EventFilter filter) {
        return "events|" + clusterId + "|" + (filter == null ? EventFilter.ALL : filter).fingerprint();
    }

    private static EventCursor eventCursor(List<String> position) {
        try {
            return new EventCursor(Instant.parse(position.get(0)), UUID.fromString(position.get(1)));
        } catch (RuntimeException e) {
            throw PageCursors.invalid();
        }
    }

    /**
     * Deletes entries older than the retention and the logs of deleted clusters, in chunks, then forgets old
     * batch ids. Runs on a schedule, never on the ingestion path. Returns how many entries went.
     */
    public Uni<Integer> applyRetention() {
        Instant now = clock.instant();
        HealthConfig.Events cfg = config.events();
        return deleteInChunks(() -> events.deleteOlderThan(now.minus(cfg.retention()), cfg.deleteChunk()),
                        cfg.maxChunksPerRun())
                .flatMap(aged -> purgeDeletedClusters(now).map(purged -> aged + purged))
                .call(() -> deleteInChunks(() -> events.deleteReportIdsOlderThan(now.minus(cfg.reportIdRetention()),
                        cfg.deleteChunk()), cfg.maxChunksPerRun()));
    }

    private Uni<Integer> purgeDeletedClusters(Instant now) {
        HealthConfig.Events cfg = config.events();
        return events.clustersToPurge(100).flatMap(ids -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (UUID id : ids) {
                chain = chain.flatMap(total -> deleteInChunks(() -> events.deleteOfCluster(id, cfg.deleteChunk()),
                                cfg.maxChunksPerRun())
                        .flatMap(deleted -> deleted < cfg.deleteChunk() * cfg.maxChunksPerRun()
                                ? events.markPurged(id, now).replaceWith(total + deleted)
                                : Uni.createFrom().item(total + deleted)));
            }
            return chain;
        });
    }

    /** Runs {@code chunk} until it deletes less than a full chunk or {@code maxChunks} ran; the total. */
    private Uni<Integer> deleteInChunks(Supplier<Uni<Integer>> chunk, int maxChunks) {
        return deleteInChunks(chunk, maxChunks, 0, 0);
    }

    private Uni<Integer> deleteInChunks(Supplier<Uni<Integer>> chunk, int maxChunks, int done,
            int total) {
        if (done >= maxChunks) {
            return Uni.createFrom().item(total);
        }
        return chunk.get().flatMap(n -> n < config.events().deleteChunk()
                ? Uni.createFrom().item(total + n)
                : deleteInChunks(chunk, maxChunks, done + 1, total + n));
    }
}
