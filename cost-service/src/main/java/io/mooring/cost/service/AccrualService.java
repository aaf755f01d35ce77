package io.mooring.cost.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cost.config.CostConfig;
import io.mooring.cost.domain.AccrualResult;
import io.mooring.cost.domain.ClusterRates;
import io.mooring.cost.domain.CostAccrual;
import io.mooring.cost.repository.AccrualRepository;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.ClusterRepository;
import io.mooring.cost.repository.LineBatch.InventoryLines;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
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
                                    return repository.writeLines(List.of(new InventoryLines(cluster.id, cluster.project,
                                                    observedAt, result.lines())))
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
     * Accrues a batch's inventories (new events, in partition order) as {@link #accrue} would one after another,
     * with a few statements for the whole batch: the clusters created if needed and locked in one query each, the
     * rules (deleted, stale, clock skew) and the arithmetic applied in memory in order, each cluster's state
     * carried from one of its inventories to the next, then the inventories, their lines and every roll-up written
     * in one statement each, and one month-to-date figure per cluster and month (the newest). Fails for good,
     * having changed nothing once rolled back, when one inventory cannot be accrued or was recorded before under
     * another event id: the consumer then handles the batch one record at a time, which parks or skips just that
     * one.
     */
    public Uni<Void> accrueAll(List<InventoryReported> events) {
        Instant now = Instant.now();
        Map<UUID, ClusterRepository.Seen> seen = new LinkedHashMap<>();
        for (InventoryReported event : events) {
            Instant observedAt = event.observedAt().truncatedTo(ChronoUnit.MICROS);
            if (observedAt.isAfter(now.plus(config.maxClockSkew()))) {
                return Uni.createFrom().failure(new IllegalArgumentException("Inventory " + event.reportId()
                        + " observed ahead of this service's time: handled alone"));
            }
            String cloudType = ClusterTypes.normalise(event.cloudType());
            // The last inventory's values, as applying each in turn would leave them.
            seen.put(event.clusterId(), new ClusterRepository.Seen(event.clusterId(), event.project(), cloudType,
                    ClusterTypes.provider(cloudType)));
        }
        return Panache.getSession().flatMap(session -> clusters.seenAll(session, List.copyOf(seen.values()))
                .flatMap(v -> clusters.lockAll(session, seen.keySet()))
                .flatMap(locked -> rates.ratesForAll(locked).flatMap(rates -> {
                    Map<UUID, ClusterRecord> byId = new HashMap<>();
                    locked.forEach(cluster -> byId.put(cluster.id, cluster));
                    List<AccrualRepository.Recorded> recorded = new ArrayList<>();
                    List<InventoryLines> written = new ArrayList<>();
                    // The newest accrual that wrote lines, per cluster and month: what the month-to-date event tells.
                    Map<List<Object>, Instant> months = new LinkedHashMap<>();
                    Set<UUID> changes = new HashSet<>();
                    for (InventoryReported event : events) {
                        ClusterRecord cluster = byId.get(event.clusterId());
                        Instant observedAt = event.observedAt().truncatedTo(ChronoUnit.MICROS);
                        if (cluster.deletedAt != null && observedAt.isAfter(cluster.deletedAt)) {
                            continue;
                        }
                        Instant previous = cluster.lastObservedAt;
                        if (previous != null && !observedAt.isAfter(previous)) {
                            continue;
                        }
                        AccrualResult result;
                        try {
                            result = accrual.accrue(cluster.id, event.inventory(), observedAt, previous,
                                    rates.get(cluster.id));
                        } catch (IllegalArgumentException | ArithmeticException e) {
                            return Uni.createFrom().<Void>failure(new IllegalArgumentException("Inventory of cluster "
                                    + cluster.id + " observed at " + observedAt + " cannot be costed: "
                                    + e.getMessage(), e));
                        }
                        result.warnings().forEach(w -> LOG.warnf("Cluster %s, inventory of %s: %s", cluster.id,
                                observedAt, w));
                        recorded.add(new AccrualRepository.Recorded(cluster.id, observedAt, event.reportId(), result));
                        if (!result.lines().isEmpty()) {
                            written.add(new InventoryLines(cluster.id, cluster.project, observedAt, result.lines()));
                            months.put(List.of(cluster.id, YearMonth.from(observedAt.atZone(ZoneOffset.UTC))),
                                    observedAt);
                        }
                        remember(cluster, observedAt, event.inventory().nodes());
                        changes.add(cluster.id);
                    }
                    if (recorded.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    // Their new state in one statement rather than an update per entity at the flush.
                    List<ClusterRecord> changed = locked.stream().filter(c -> changes.contains(c.id)).toList();
                    changed.forEach(session::detach);
                    return clusters.observedAll(session, changed)
                            .flatMap(v -> repository.recordInventories(recorded)).flatMap(inserted -> {
                        if (inserted != recorded.size()) {
                            return Uni.createFrom().<Void>failure(new IllegalArgumentException(
                                    "An inventory of the batch was recorded before under another event id:"
                                            + " handled one at a time"));
                        }
                        return repository.writeLines(written)
                                .flatMap(count -> publishMonthsToDate(byId, months));
                    });
                })));
    }

    /** {@link #publishMonthToDate} for each (cluster, month) a batch wrote lines in, at its newest accrual. */
    private Uni<Void> publishMonthsToDate(Map<UUID, ClusterRecord> clusters, Map<List<Object>, Instant> months) {
        if (months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = new ArrayList<>();
        List<Instant> from = new ArrayList<>();
        List<Instant> to = new ArrayList<>();
        List<YearMonth> monthOf = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        months.forEach((key, observedAt) -> {
            YearMonth month = (YearMonth) key.get(1);
            ids.add((UUID) key.get(0));
            monthOf.add(month);
            at.add(observedAt);
            from.add(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            to.add(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        });
        String currency = config.currency();
        return repository.costsBetween(ids, from, to, currency).flatMap(amounts -> {
            List<CostAccrued> events = new ArrayList<>(amounts.size());
            for (int i = 0; i < amounts.size(); i++) {
                ClusterRecord cluster = clusters.get(ids.get(i));
                events.add(new CostAccrued(cluster.id, cluster.project, monthOf.get(i).toString(),
                        amounts.get(i).setScale(4, RoundingMode.HALF_UP), currency, at.get(i)));
            }
            return outbox.addAll(events);
        });
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
