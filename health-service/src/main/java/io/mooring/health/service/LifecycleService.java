package io.mooring.health.service;

import io.mooring.events.payload.AgentIdentityConflict;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.health.domain.Connectivity;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.HistoryRepository;
import io.mooring.health.repository.Times;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterEntry;
import io.mooring.support.clusters.ClusterReactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the registry's lifecycle events change in health-service, once the shared cluster directory has taken them
 * in. Runs inside the idempotent consumer's transaction, so each event is applied once and its effects (and the
 * first ClusterHealthChanged) commit together.
 */
@ApplicationScoped
public class LifecycleService implements ClusterReactions {

    private final ClusterRepository clusters;
    private final HistoryRepository history;
    private final AssessmentRecorder evaluation;
    private final Clock clock;

    public LifecycleService(ClusterRepository clusters, HistoryRepository history, AssessmentRecorder evaluation,
            Clock clock) {
        this.clusters = clusters;
        this.history = history;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    @Override
    public Uni<Void> react(ClusterChange change) {
        Instant now = Times.micros(clock.instant());
        return switch (change.kind()) {
            // Whichever event made the cluster known (or one the directory had before health-service kept state
            // for it), the cluster starts Pending with its first assessment.
            case CREATED, UPDATED -> clusters.insertPending(change.entry().clusterId(), now)
                    .flatMap(created -> created ? firstAssessment(change.entry(), now) : Uni.createFrom().voidItem());
            // The deletion also ends the cluster's live streams on every instance, once committed (EventStreamHub).
            case DELETED -> clusters.delete(change.entry().clusterId(), change.entry().project(), now);
            case OTHER -> agentIdentity(change, now);
            case IGNORED -> Uni.createFrom().voidItem();
        };
    }

    /**
     * As {@link #react} on each change (each cluster once), with the clusters that become known in bulk: one
     * statement makes them Pending, a few more give them their first assessment. The rest go one by one.
     */
    @Override
    public Uni<Void> reactAll(List<ClusterChange> changes) {
        Instant now = Times.micros(clock.instant());
        Map<UUID, ClusterEntry> known = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ClusterChange change : changes) {
            if (change.kind() == ClusterChange.Kind.CREATED || change.kind() == ClusterChange.Kind.UPDATED) {
                known.put(change.entry().clusterId(), change.entry());
            } else {
                chain = chain.flatMap(done -> react(change));
            }
        }
        if (known.isEmpty()) {
            return chain;
        }
        return chain.flatMap(done -> clusters.insertPendingAll(known.keySet(), now))
                .flatMap(created -> evaluation.evaluateAll(
                        created.stream().map(id -> pending(known.get(id), now)).toList(), now));
    }

    /** What happened to the cluster's agent identity goes into the cluster's history beside its transitions. */
    private Uni<Void> agentIdentity(ClusterChange change, Instant now) {
        if (change.event() instanceof AgentReRegistered again) {
            return history.add(again.clusterId(), HistoryRepository.AGENT, null, HistoryRepository.RE_REGISTERED,
                    null, "[]", "An agent that had lost its credential registered again with the cluster's"
                            + " re-registration secret (re-registration " + again.reRegistrations() + ")",
                    at(again.occurredAt(), now), now);
        }
        if (change.event() instanceof AgentIdentityConflict conflict) {
            return history.add(conflict.clusterId(), HistoryRepository.AGENT, null, HistoryRepository.CONFLICT, null,
                    "[]", conflict.reason(), at(conflict.occurredAt(), now), now);
        }
        return Uni.createFrom().voidItem();
    }

    private static Instant at(Instant occurredAt, Instant now) {
        return occurredAt != null ? Times.micros(occurredAt) : now;
    }

    /** A new cluster is Unknown ("the agent has not connected yet") from the start, in history and on Kafka. */
    private Uni<Void> firstAssessment(ClusterEntry cluster, Instant now) {
        return evaluation.evaluate(pending(cluster, now), null, now).replaceWithVoid();
    }

    /** The row of a cluster just made Pending: not committed yet, so it is described here rather than read back. */
    private static ClusterRow pending(ClusterEntry cluster, Instant now) {
        return new ClusterRow(cluster.clusterId(), cluster.project(), cluster.name(), cluster.cloudType(),
                cluster.importMode(), Connectivity.PENDING, now, null, null, null, null, null, null, null, "[]", null,
                null, 0);
    }
}
