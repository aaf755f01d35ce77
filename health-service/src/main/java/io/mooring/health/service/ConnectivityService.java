package io.mooring.health.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.Connectivity;
import io.mooring.health.domain.ConnectivityTracker;
import io.mooring.health.domain.ConnectivityUpdate;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.ClusterRow;
import io.mooring.health.repository.Times;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Heartbeats and the sweep. Several instances may handle one cluster at once: each change is a
 * compare-and-set on the state it was computed from, so every transition is stored (and published) once.
 */
@ApplicationScoped
@Startup // registers its meters at once, so they are scraped from the start
public class ConnectivityService {

    private static final Logger LOG = Logger.getLogger(ConnectivityService.class);

    /** The outcome of a heartbeat, for the agent. */
    public record HeartbeatResult(UUID clusterId, Connectivity connectivity, HealthStatus health, boolean duplicate) {
    }

    private final ConnectivityTracker tracker;
    private final ClusterRepository clusters;
    private final AssessmentRecorder evaluation;
    private final AgentGate gate;
    private final Clock clock;
    private final HealthConfig config;
    private final Counter fast;
    private final Counter full;

    public ConnectivityService(ConnectivityTracker tracker, ClusterRepository clusters, AssessmentRecorder evaluation,
            AgentGate gate, Clock clock, HealthConfig config, MeterRegistry metrics) {
        this.tracker = tracker;
        this.clusters = clusters;
        this.evaluation = evaluation;
        this.gate = gate;
        this.clock = clock;
        this.config = config;
        this.fast = Counter.builder("mooring.health.heartbeats").tag("path", "unchanged").register(metrics);
        this.full = Counter.builder("mooring.health.heartbeats").tag("path", "full").register(metrics);
    }

    public Uni<HeartbeatResult> heartbeat(UUID clusterId, Heartbeat heartbeat) {
        Instant now = Times.micros(clock.instant());
        return clusters.heartbeatWithoutChange(clusterId, heartbeat.reportId(), heartbeat.agentVersion(),
                        heartbeat.permissions(), now, tracker.disconnectedCutoff(now))
                .flatMap(done -> {
                    if (done) {
                        fast.increment();
                        return Uni.createFrom().item(new HeartbeatResult(clusterId, Connectivity.CONNECTED, null, false));
                    }
                    full.increment();
                    return Uni.createFrom().deferred(() -> fullHeartbeat(clusterId, heartbeat, now))
                            .onFailure(ConcurrentChange.class).retry().atMost(ConcurrentChange.RETRIES);
                });
    }

    private Uni<HeartbeatResult> fullHeartbeat(UUID clusterId, Heartbeat heartbeat, Instant now) {
        return clusters.find(clusterId).flatMap(row -> {
            if (row == null) {
                return gate.refuse(clusterId);
            }
            if (heartbeat.reportId().equals(row.lastHeartbeatReport())) {
                return Uni.createFrom().item(new HeartbeatResult(clusterId, row.connectivity(), row.health(), true));
            }
            ConnectivityUpdate update = tracker.onHeartbeat(row.connectivity(), row.firstHeartbeat(),
                    row.lastHeartbeat(), now);
            ClusterRow after = row.with(update);
            boolean evaluate = update.changed() || after.evaluationDue(now);
            Uni<InventoryReport> inventory = evaluate ? evaluation.inventoryFor(after)
                    : Uni.createFrom().nullItem();
            return inventory.flatMap(report -> Panache.withTransaction(() -> clusters.storeHeartbeat(row, update,
                                    heartbeat.reportId(), heartbeat.agentVersion(), heartbeat.permissions(), now)
                            .flatMap(stored -> stored ? evaluation.recordConnectivity(row, update.transitions(), now)
                                    : Uni.createFrom().failure(new ConcurrentChange("heartbeat of " + clusterId)))
                            .flatMap(v -> evaluate
                                    ? evaluation.evaluate(after, report, now)
                                    : Uni.createFrom().item(row.health()))))
                    .map(health -> new HeartbeatResult(clusterId, update.state(), health, false));
        });
    }

    /**
     * One pass of the sweep: silent clusters become Disconnected, then due evaluations run. Bounded by the
     * configured batch size per kind; what is left waits for the next pass. Returns how many clusters changed.
     */
    public Uni<Integer> sweep() {
        return disconnectSilent().flatMap(disconnected -> reevaluateDue().map(evaluated -> disconnected + evaluated));
    }

    Uni<Integer> disconnectSilent() {
        Instant now = Times.micros(clock.instant());
        return clusters.silentSince(tracker.disconnectedCutoff(now), config.sweep().batchSize())
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> disconnect(row, now)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Sweep could not update cluster %s: %s", row.clusterId(), e.getMessage());
                            return false;
                        }))
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    private Uni<Boolean> disconnect(ClusterRow row, Instant now) {
        ConnectivityUpdate update = tracker.onSweep(row.connectivity(), row.firstHeartbeat(), row.lastHeartbeat(), now);
        if (!update.changed()) {
            return Uni.createFrom().item(false);
        }
        ClusterRow after = row.with(update);
        return Panache.withTransaction(() -> clusters.storeSweep(row, update, now).flatMap(stored -> stored
                ? evaluation.recordConnectivity(row, update.transitions(), now)
                        // Not connected any more: the checks that judge the inventory do not run, none is needed.
                        .flatMap(v -> evaluation.evaluate(after, null, now)).replaceWith(true)
                // A heartbeat or another instance's sweep got there first: nothing left to do.
                : Uni.createFrom().item(false)))
                .onFailure(ConcurrentChange.class).recoverWithItem(false);
    }

    Uni<Integer> reevaluateDue() {
        Instant now = Times.micros(clock.instant());
        return clusters.evaluationDue(now, config.sweep().batchSize())
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> evaluation.inventoryFor(row)
                        .flatMap(report -> Panache.withTransaction(() -> evaluation.evaluate(row, report, now)))
                        .replaceWith(true)
                        // Evaluated by a heartbeat or another instance meanwhile: its result stands.
                        .onFailure(ConcurrentChange.class).recoverWithItem(false)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("Sweep could not evaluate cluster %s: %s", row.clusterId(), e.getMessage());
                            return false;
                        }))
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }
}
