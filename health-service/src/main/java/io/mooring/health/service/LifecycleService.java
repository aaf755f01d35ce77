package io.mooring.health.service;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.AgentIdentityConflict;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.health.domain.Connectivity;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.HistoryRepository;
import io.mooring.health.repository.Times;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What the registry's lifecycle events change here. Runs inside the idempotent consumer's transaction, so
 * each event is applied once and its effects (and the first ClusterHealthChanged) commit together.
 */
@ApplicationScoped
public class LifecycleService {

    private final ClusterRepository clusters;
    private final HistoryRepository history;
    private final AssessmentRecorder evaluation;
    private final EventStreamHub streams;
    private final Clock clock;

    public LifecycleService(ClusterRepository clusters, HistoryRepository history, AssessmentRecorder evaluation,
            EventStreamHub streams, Clock clock) {
        this.clusters = clusters;
        this.history = history;
        this.evaluation = evaluation;
        this.streams = streams;
        this.clock = clock;
    }

    public Uni<Void> apply(MooringEvent event) {
        Instant now = Times.micros(clock.instant());
        if (event instanceof ClusterImported imported) {
            return clusters.insertImported(imported, now).flatMap(created -> created
                    ? firstAssessment(imported.clusterId(), imported.project(), imported.cloudType(), now)
                    : clusters.updateImported(imported, now).replaceWithVoid());
        }
        if (event instanceof ClusterConnected connected) {
            return clusters.insertConnected(connected.clusterId(), connected.project(), connected.importMode(),
                            connected.occurredAt() != null ? connected.occurredAt() : now, now)
                    .flatMap(created -> created
                            ? firstAssessment(connected.clusterId(), connected.project(), null, now)
                            : connected.importMode() == null ? Uni.createFrom().voidItem()
                                    : clusters.updateMode(connected.clusterId(), connected.importMode(), now)
                                            .replaceWithVoid());
        }
        if (event instanceof ModeChanged changed) {
            return changed.to() == null ? Uni.createFrom().voidItem()
                    : clusters.updateMode(changed.clusterId(), changed.to(), now).replaceWithVoid();
        }
        // What happened to the cluster's agent identity goes into the cluster's history beside its transitions.
        if (event instanceof AgentReRegistered again) {
            return history.add(again.clusterId(), HistoryRepository.AGENT, null, HistoryRepository.RE_REGISTERED,
                    null, "[]", "An agent that had lost its credential registered again with the cluster's"
                            + " re-registration secret (re-registration " + again.reRegistrations() + ")",
                    at(again.occurredAt(), now), now);
        }
        if (event instanceof AgentIdentityConflict conflict) {
            return history.add(conflict.clusterId(), HistoryRepository.AGENT, null, HistoryRepository.CONFLICT, null,
                    "[]", conflict.reason(), at(conflict.occurredAt(), now), now);
        }
        if (event instanceof ClusterDeleted deleted) {
            return clusters.delete(deleted.clusterId(), deleted.project(), now)
                    .invoke(() -> streams.clusterDeleted(deleted.clusterId()));
        }
        return Uni.createFrom().voidItem();
    }

    private static Instant at(Instant occurredAt, Instant now) {
        return occurredAt != null ? Times.micros(occurredAt) : now;
    }

    /** A new cluster is Unknown ("the agent has not connected yet") from the start, in history and on Kafka. */
    private Uni<Void> firstAssessment(UUID clusterId, String project, String cloudType, Instant now) {
        // The row is not committed yet, so it is described here rather than read back.
        ClusterRow row = new ClusterRow(clusterId, project, null, cloudType, null, Connectivity.PENDING, now, null,
                null, null, null, null, null, null, "[]", null, null, 0);
        return evaluation.evaluate(row, null, now).replaceWithVoid();
    }
}
