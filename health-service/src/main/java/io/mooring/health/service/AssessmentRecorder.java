package io.mooring.health.service;

import io.mooring.events.MooringEvent;
import io.mooring.events.agent.InventoryReport;
import io.mooring.health.domain.CheckResult;
import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.ConnectivityTransition;
import io.mooring.health.domain.EvaluationSchedule;
import io.mooring.health.domain.HealthAssessment;
import io.mooring.health.domain.HealthContext;
import io.mooring.health.domain.HealthRules;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.domain.HealthTransition;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.HistoryRepository;
import io.mooring.health.repository.InventoryRepository;
import io.mooring.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@link HealthRules} on a cluster and records the outcome in the caller's transaction: the assessment
 * (compare-and-set), a change of status in history and, through the outbox, on {@code mooring.cluster-health};
 * also the connectivity transitions. Call inside a {@code Panache.withTransaction}: a {@link ConcurrentChange}
 * means another instance stored an assessment first, and the caller retries from a fresh read.
 */
@ApplicationScoped
public class AssessmentRecorder {

    private final HealthRules rules;
    private final EvaluationSchedule schedule;
    private final ClusterRepository clusters;
    private final HistoryRepository history;
    private final InventoryRepository inventories;
    private final Outbox outbox;
    private final StoredJson json;

    public AssessmentRecorder(HealthRules rules, EvaluationSchedule schedule, ClusterRepository clusters,
            HistoryRepository history, InventoryRepository inventories, Outbox outbox, StoredJson json) {
        this.rules = rules;
        this.schedule = schedule;
        this.clusters = clusters;
        this.history = history;
        this.inventories = inventories;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * The stored inventory the checks need, or null when none is stored or the cluster is not connected (the
     * checks that judge an inventory do not run then). Load it before the transaction, so that the
     * transaction holds its connection for the writes only.
     */
    public Uni<InventoryReport> inventoryFor(ClusterRow row) {
        if (row.connectivity() != Connectivity.CONNECTED) {
            return Uni.createFrom().nullItem();
        }
        return inventories.latest(row.clusterId()).map(stored -> stored == null ? null
                : new InventoryReport(stored.reportId(), stored.observedAt(), json.readInventory(stored.json())));
    }

    /** Evaluates with {@code inventory} (null: none reported yet). */
    public Uni<HealthStatus> evaluate(ClusterRow row, InventoryReport inventory, Instant now) {
        HealthContext ctx = HealthContext.of(row.connectivity(), row.lastHeartbeat(), inventory, now);
        HealthAssessment assessment = rules.evaluate(ctx);
        Optional<HealthTransition> transition = HealthTransition.between(row.health(), assessment);
        Instant since = transition.isPresent() || row.healthSince() == null ? now : row.healthSince();
        return clusters.storeAssessment(row.clusterId(), row.healthVersion(), assessment.status(), since,
                        json.checks(assessment.checks()), now, schedule.nextEvaluation(ctx))
                .flatMap(stored -> {
                    if (!stored) {
                        return Uni.createFrom().failure(new ConcurrentChange("assessment of " + row.clusterId()));
                    }
                    if (transition.isEmpty()) {
                        return Uni.createFrom().item(assessment.status());
                    }
                    HealthTransition t = transition.get();
                    return history.add(row.clusterId(), HistoryRepository.HEALTH,
                                    t.previous() == null ? null : t.previous().displayName(), t.current().displayName(),
                                    t.connectivity().displayName(), json.checks(t.reasons()), t.summary(), t.at(), now)
                            .flatMap(v -> outbox.add(t.toEvent(row.clusterId(), row.project())))
                            .replaceWith(assessment.status());
                });
    }

    /**
     * {@link #evaluate} without an inventory for rows of distinct clusters, in a few statements whatever their
     * number (the first assessments of a batch of imported clusters).
     */
    public Uni<Void> evaluateAll(List<ClusterRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ClusterRepository.Assessment> assessments = new ArrayList<>(rows.size());
        List<HistoryRepository.NewEntry> entries = new ArrayList<>();
        List<MooringEvent> events = new ArrayList<>();
        for (ClusterRow row : rows) {
            HealthContext ctx = HealthContext.of(row.connectivity(), row.lastHeartbeat(), null, now);
            HealthAssessment assessment = rules.evaluate(ctx);
            Optional<HealthTransition> transition = HealthTransition.between(row.health(), assessment);
            Instant since = transition.isPresent() || row.healthSince() == null ? now : row.healthSince();
            assessments.add(new ClusterRepository.Assessment(row.clusterId(), row.healthVersion(),
                    assessment.status(), since, json.checks(assessment.checks()), now, schedule.nextEvaluation(ctx)));
            transition.ifPresent(t -> {
                entries.add(new HistoryRepository.NewEntry(row.clusterId(), HistoryRepository.HEALTH,
                        t.previous() == null ? null : t.previous().displayName(), t.current().displayName(),
                        t.connectivity().displayName(), json.checks(t.reasons()), t.summary(), t.at(), now));
                events.add(t.toEvent(row.clusterId(), row.project()));
            });
        }
        return clusters.storeAssessments(assessments).flatMap(stored -> {
            if (stored != assessments.size()) {
                return Uni.createFrom().failure(new ConcurrentChange(
                        "assessment of " + (assessments.size() - stored) + " of " + assessments.size() + " clusters"));
            }
            return history.addAll(entries).flatMap(v -> outbox.addAll(events));
        });
    }

    /** Records connectivity transitions in history, oldest first. */
    public Uni<Void> recordConnectivity(ClusterRow row, List<ConnectivityTransition> transitions, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConnectivityTransition t : transitions) {
            chain = chain.flatMap(v -> history.add(row.clusterId(), HistoryRepository.CONNECTIVITY,
                    t.previous().displayName(), t.current().displayName(), t.current().displayName(),
                    json.checks(List.<CheckResult>of()), null, t.at(), now));
        }
        return chain;
    }
}
