package io.mooring.cost.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cost.config.CostConfig;
import io.mooring.cost.domain.AccrualResult;
import io.mooring.cost.domain.CostAccrual;
import io.mooring.cost.repository.AccrualRepository;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.ClusterRepository;
import io.mooring.cost.repository.NodeSpec;
import io.mooring.events.inventory.Node;
import io.mooring.events.payload.CostAccrued;
import io.mooring.events.payload.InventoryReported;
import io.mooring.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Accrues an inventory in the caller's transaction (the idempotent consumer's, which also records the event
 * id). Besides the event id, an inventory is identified by its cluster and observation time: one observed no
 * later than the cluster's last accrued inventory (a replay under a new id, or a late arrival) changes
 * nothing, and the inventory's natural key and each line's are unique in the database as a last guard.
 *
 * <p>That rule trusts observedAt, which comes from the agent: an inventory observed further ahead of this
 * service's clock than {@code mooring.cost.max-clock-skew} is ignored before it touches anything, or it would
 * stop the cluster's accrual until that time. health-service refuses such reports at intake; this is the guard
 * for whatever reaches the topic anyway (an older health-service, a hand-published event). It is logged and
 * skipped rather than retried: time will not make it valid soon enough to be worth blocking the partition.
 */
@ApplicationScoped
public class AccrualService {

    private static final Logger LOG = Logger.getLogger(AccrualService.class);

    private final CostAccrual accrual;
    private final RatesService rates;
    private final ClusterRepository clusters;
    private final AccrualRepository repository;
    private final ObjectMapper json;
    private final CostConfig config;
    private final Outbox outbox;

    public AccrualService(CostAccrual accrual, RatesService rates, ClusterRepository clusters,
            AccrualRepository repository, ObjectMapper json, CostConfig config, Outbox outbox) {
        this.outbox = outbox;
        this.accrual = accrual;
        this.rates = rates;
        this.clusters = clusters;
        this.repository = repository;
        this.json = json;
        this.config = config;
    }

    /** What became of an inventory. */
    public enum Outcome {
        ACCRUED, FIRST, STALE, AFTER_DELETION, DUPLICATE
    }

    public Uni<Outcome> accrue(InventoryReported event) {
        Objects.requireNonNull(event.clusterId(), "clusterId");
        Objects.requireNonNull(event.observedAt(), "observedAt");
        Objects.requireNonNull(event.inventory(), "inventory");
        // PostgreSQL keeps microseconds; compare and key on what the database will hold.
        Instant observedAt = event.observedAt().truncatedTo(ChronoUnit.MICROS);
        Instant now = Instant.now();
        if (observedAt.isAfter(now.plus(config.maxClockSkew()))) {
            // Accrued, it would make every later inventory look old and stop the cluster's cost. Refused, the
            // consumer parks it as a dead letter an admin can see, and the partition goes on.
            return Uni.createFrom().failure(new IllegalArgumentException("Inventory " + event.reportId()
                    + " of cluster " + event.clusterId() + " observed at " + observedAt + ", ahead of this service's"
                    + " time " + now + " by more than the allowed clock skew of " + config.maxClockSkew()));
        }
        String cloudType = ClusterTypes.normalise(event.cloudType());
        return Panache.getSession().flatMap(session -> clusters
                .seen(session, event.clusterId(), event.project(), cloudType, ClusterTypes.provider(cloudType))
                .flatMap(v -> clusters.lock(session, event.clusterId()))
                .flatMap(cluster -> {
                    if (cluster.deletedAt != null && observedAt.isAfter(cluster.deletedAt)) {
                        LOG.debugf("Inventory of deleted cluster %s observed at %s ignored", cluster.id, observedAt);
                        return Uni.createFrom().item(Outcome.AFTER_DELETION);
                    }
                    Instant previous = cluster.lastObservedAt;
                    if (previous != null && !observedAt.isAfter(previous)) {
                        LOG.debugf("Inventory of cluster %s observed at %s is not newer than %s; ignored",
                                cluster.id, observedAt, previous);
                        return Uni.createFrom().item(Outcome.STALE);
                    }
                    return rates.ratesFor(cluster).flatMap(clusterRates -> {
                        AccrualResult result;
                        try {
                            result = accrual.accrue(cluster.id, event.inventory(), observedAt, previous, clusterRates);
                        } catch (IllegalArgumentException | ArithmeticException e) {
                            // Retrying cannot mend the data: the consumer parks the inventory as a dead letter,
                            // and the next one accrues from the previous one.
                            return Uni.createFrom().failure(new IllegalArgumentException("Inventory of cluster "
                                    + cluster.id + " observed at " + observedAt + " cannot be costed: "
                                    + e.getMessage(), e));
                        }
                        result.warnings().forEach(w -> LOG.warnf("Cluster %s, inventory of %s: %s", cluster.id,
                                observedAt, w));
                        return repository.recordInventory(cluster.id, observedAt, event.reportId(), result)
                                .flatMap(first -> {
                                    if (!first) {
                                        return Uni.createFrom().item(Outcome.DUPLICATE);
                                    }
                                    return repository.writeLines(cluster.id, cluster.project, observedAt, result.lines())
                                            .flatMap(written -> {
                                                remember(cluster, observedAt, event.inventory().nodes());
                                                Outcome outcome = previous == null ? Outcome.FIRST : Outcome.ACCRUED;
                                                return written == 0 ? Uni.createFrom().item(outcome)
                                                        : publishMonthToDate(cluster, observedAt).replaceWith(outcome);
                                            });
                                });
                    });
                }));
    }

    /**
     * Tells the cluster's cost so far this month (of {@code observedAt}, UTC) through the outbox, in this
     * transaction: notification-service's budget rules read it (decision 0031). Published after every accrual
     * that wrote lines, so a consumer that keeps the newest figure per cluster and month is always current.
     */
    private Uni<Void> publishMonthToDate(ClusterRecord cluster, Instant observedAt) {
        YearMonth month = YearMonth.from(observedAt.atZone(ZoneOffset.UTC));
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String currency = config.currency();
        return repository.costBetween(cluster.id, from, to, currency)
                .flatMap(amount -> outbox.add(new CostAccrued(cluster.id, cluster.project, month.toString(),
                        amount.setScale(4, RoundingMode.HALF_UP), currency, observedAt)));
    }

    private void remember(ClusterRecord cluster, Instant observedAt, List<Node> nodes) {
        if (cluster.firstObservedAt == null) {
            cluster.firstObservedAt = observedAt;
        }
        cluster.lastObservedAt = observedAt;
        cluster.updatedAt = Instant.now();
        try {
            cluster.lastNodes = json.writeValueAsString(nodes == null ? List.of()
                    : nodes.stream().filter(n -> n != null && n.name() != null).map(NodeSpec::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
