package io.mooring.health.service;

import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.payload.InventoryReported;
import io.mooring.health.config.HealthConfig;
import io.mooring.health.domain.HealthStatus;
import io.mooring.health.repository.ClusterRepository;
import io.mooring.health.repository.InventoryRepository;
import io.mooring.health.repository.Times;
import io.mooring.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The latest inventory per cluster. A new report is stored and judged at once; InventoryReported goes out
 * through the outbox when the content (its hash) differs from what was last published, and at least every
 * {@code republish-every} while the cluster is connected.
 */
@ApplicationScoped
public class InventoryService {

    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    /** The outcome of an inventory report, for the agent. */
    public record InventoryResult(UUID clusterId, boolean accepted, String detail, HealthStatus health) {
    }

    /** A cluster's latest inventory, as its agent reported it. */
    public record LatestInventory(UUID reportId, Instant observedAt, Instant receivedAt, Inventory inventory) {
    }

    private final ClusterRepository clusters;
    private final InventoryRepository inventories;
    private final AssessmentRecorder evaluation;
    private final AgentGate gate;
    private final Outbox outbox;
    private final StoredJson json;
    private final Clock clock;
    private final HealthConfig config;

    public InventoryService(ClusterRepository clusters, InventoryRepository inventories, AssessmentRecorder evaluation,
            AgentGate gate, Outbox outbox, StoredJson json, Clock clock, HealthConfig config) {
        this.clusters = clusters;
        this.inventories = inventories;
        this.evaluation = evaluation;
        this.gate = gate;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    public Uni<InventoryResult> report(UUID clusterId, InventoryReport report) {
        Instant now = Times.micros(clock.instant());
        String canonical = json.canonicalInventory(report.inventory());
        String hash = StoredJson.sha256(canonical);
        Instant observedAt = Times.micros(report.observedAt());
        InventoryReport stored = new InventoryReport(report.reportId(), observedAt, report.inventory());
        return Uni.createFrom().deferred(() -> clusters.find(clusterId).flatMap(row -> {
                    if (row == null) {
                        return gate.<InventoryResult>refuse(clusterId);
                    }
                    return Panache.withTransaction(() -> inventories
                            .store(clusterId, report.reportId(), observedAt, now, hash, canonical)
                            .flatMap(applied -> !applied
                                    ? Uni.createFrom().item(new InventoryResult(clusterId, false,
                                            "Already received, or older than the stored inventory", row.health()))
                                    : publishIfDue(clusterId, report.reportId(), hash, row.project(), row.cloudType(),
                                                    stored, now)
                                            .flatMap(v -> evaluation.evaluate(row, stored, now))
                                            .map(health -> new InventoryResult(clusterId, true, null, health))));
                }))
                .onFailure(ConcurrentChange.class).retry().atMost(ConcurrentChange.RETRIES);
    }

    private Uni<Void> publishIfDue(UUID clusterId, UUID reportId, String hash, String project, String cloudType,
            InventoryReport report, Instant now) {
        return inventories.claimPublication(clusterId, reportId, hash, now.minus(config.inventory().republishEvery()), now)
                .flatMap(claimed -> claimed
                        ? outbox.add(new InventoryReported(clusterId, project, cloudType, reportId, report.observedAt(),
                                report.inventory(), now))
                        : Uni.createFrom().voidItem());
    }

    /** Publishes again the inventories of connected clusters whose last publication is too old; how many. */
    public Uni<Integer> republishStale() {
        Instant now = Times.micros(clock.instant());
        Instant before = now.minus(config.inventory().republishEvery());
        return inventories.republishDue(before, config.sweep().batchSize())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(due -> {
                    InventoryRepository.Stored inv = due.inventory();
                    InventoryReport report = new InventoryReport(inv.reportId(), inv.observedAt(),
                            json.readInventory(inv.json()));
                    return Panache.withTransaction(() -> inventories
                                    .claimPublication(inv.clusterId(), inv.reportId(), inv.hash(), before, now)
                                    .flatMap(claimed -> claimed
                                            ? outbox.add(new InventoryReported(inv.clusterId(), due.project(),
                                                    due.cloudType(), inv.reportId(), inv.observedAt(),
                                                    report.inventory(), now)).replaceWith(true)
                                            : Uni.createFrom().item(false)))
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf("Could not republish the inventory of %s: %s", inv.clusterId(), e.getMessage());
                                return false;
                            });
                })
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    /** The latest inventory of a cluster, null when its agent has not reported one. */
    public Uni<LatestInventory> latest(UUID clusterId) {
        return inventories.latest(clusterId).map(stored -> stored == null ? null
                : new LatestInventory(stored.reportId(), stored.observedAt(), stored.receivedAt(),
                        json.readInventory(stored.json())));
    }
}
