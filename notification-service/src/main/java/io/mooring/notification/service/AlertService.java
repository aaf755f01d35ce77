package io.mooring.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.CostAccrued;
import io.mooring.notification.domain.Alert;
import io.mooring.notification.domain.Budget;
import io.mooring.notification.domain.MessageFormat;
import io.mooring.notification.domain.QuietPeriod;
import io.mooring.notification.domain.Signal;
import io.mooring.notification.domain.Signals;
import io.mooring.notification.domain.Trigger;
import io.mooring.notification.repository.AlertStateRecord;
import io.mooring.notification.repository.AlertStateRepository;
import io.mooring.notification.repository.CostRepository;
import io.mooring.notification.repository.DeliveryRepository;
import io.mooring.notification.repository.EndpointRecord;
import io.mooring.notification.repository.EndpointRepository;
import io.mooring.notification.repository.RuleRecord;
import io.mooring.notification.repository.RuleRepository;
import io.mooring.notification.repository.RuleWebhookRepository;
import io.mooring.support.clusters.ClusterDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns events into alerts, in the consumer's transaction: the rules that match, their quiet periods, and the
 * queued deliveries to the enabled endpoints each rule goes to are committed with the event's id or not at all, so a
 * redelivered event raises nothing twice. Alerts are sent later by {@link DeliveryJob}.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);
    static final String PROJECT_SCOPE = "project";

    private final RuleRepository rules;
    private final AlertStateRepository states;
    private final EndpointRepository endpoints;
    private final RuleWebhookRepository ruleWebhooks;
    private final DeliveryRepository deliveries;
    private final CostRepository costs;
    private final ClusterDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;

    public AlertService(RuleRepository rules, AlertStateRepository states, EndpointRepository endpoints,
            RuleWebhookRepository ruleWebhooks, DeliveryRepository deliveries, CostRepository costs, ClusterDirectory directory, ObjectMapper json,
            Clock clock) {
        this.rules = rules;
        this.states = states;
        this.endpoints = endpoints;
        this.ruleWebhooks = ruleWebhooks;
        this.deliveries = deliveries;
        this.costs = costs;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    /** The consumers' handler for every event. */
    public Uni<Void> onEvent(MooringEvent event) {
        if (event instanceof CostAccrued cost) {
            return onCost(cost);
        }
        return sequentially(Signals.of(event), this::onSignal);
    }

    private Uni<Void> onSignal(Signal signal) {
        if (signal.project() == null || signal.clusterId() == null) {
            return Uni.createFrom().voidItem();
        }
        return rules.matching(signal.project(), signal.trigger().wire(), signal.clusterId())
                .flatMap(matching -> sequentially(matching, rule -> apply(rule, signal)));
    }

    private Uni<Void> apply(RuleRecord rule, Signal signal) {
        if (!signal.trigger().stateful()) {
            return raise(rule, signal);
        }
        AlertStateRecord.Key key = new AlertStateRecord.Key(rule.id, signal.clusterId().toString(), signal.subject());
        return states.lockOrCreate(key, signal.clusterId()).flatMap(state -> {
            Instant now = clock.instant();
            QuietPeriod.Decision decision = QuietPeriod.decide(state.lastTold, state.lastToldProblem,
                    state.lastToldAt, signal.condition(), signal.problem(),
                    Duration.ofSeconds(rule.quietPeriodSeconds), now);
            state.latest = signal.condition();
            state.latestProblem = signal.problem();
            state.latestAt = now;
            switch (decision) {
                case SEND -> {
                    told(state, signal, now);
                    return raise(rule, signal);
                }
                case HOLD -> {
                    state.latestSignal = write(signal);
                    state.heldUntil = state.lastToldAt.plus(Duration.ofSeconds(rule.quietPeriodSeconds));
                    LOG.debugf("Rule %s holds %s of cluster %s in its quiet period", rule.id, signal.condition(),
                            signal.clusterId());
                    return Uni.createFrom().voidItem();
                }
                default -> {
                    state.latestSignal = null;
                    state.heldUntil = null;
                    return Uni.createFrom().voidItem();
                }
            }
        });
    }

    /**
     * Tells the changes held in quiet periods that are over, if they still differ from what was told. Runs in a
     * transaction of the caller's; the rows are locked one by one, so a consumer changing one waits.
     */
    public Uni<Integer> releaseHeld(int limit) {
        Instant now = clock.instant();
        return states.holding(now, limit).flatMap(held -> sequentially(held, candidate -> states
                .lockOrCreate(new AlertStateRecord.Key(candidate.ruleId, candidate.scope, candidate.subject),
                        candidate.clusterId)
                .flatMap(state -> rules.findById(state.ruleId).flatMap(rule -> {
                    if (rule == null || state.latestSignal == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Signal signal = read(state.latestSignal);
                    QuietPeriod.Decision decision = QuietPeriod.decide(state.lastTold, state.lastToldProblem,
                            state.lastToldAt, signal.condition(), signal.problem(),
                            Duration.ofSeconds(rule.quietPeriodSeconds), now);
                    if (decision == QuietPeriod.Decision.HOLD) {
                        // The rule's quiet period was lengthened since: hold until its new end.
                        state.heldUntil = state.lastToldAt.plus(Duration.ofSeconds(rule.quietPeriodSeconds));
                        return Uni.createFrom().voidItem();
                    }
                    state.latestSignal = null;
                    state.heldUntil = null;
                    if (decision == QuietPeriod.Decision.NOTHING) {
                        return Uni.createFrom().voidItem();
                    }
                    told(state, signal, now);
                    return raise(rule, signal);
                }))).replaceWith(held.size()));
    }

    private static void told(AlertStateRecord state, Signal signal, Instant now) {
        state.lastTold = signal.condition();
        state.lastToldProblem = signal.problem();
        state.lastToldAt = now;
        state.latestSignal = null;
        state.heldUntil = null;
    }

    private Uni<Void> onCost(CostAccrued cost) {
        if (cost.clusterId() == null || cost.project() == null || cost.month() == null
                || cost.monthToDate() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("CostAccrued without cluster, project, month"
                    + " or amount"));
        }
        String currency = cost.currency() == null ? "" : cost.currency();
        return costs.record(cost.clusterId(), cost.project(), cost.month(), cost.monthToDate(), currency,
                        cost.occurredAt())
                .flatMap(v -> rules.matching(cost.project(), Trigger.BUDGET.wire(), cost.clusterId()))
                .flatMap(matching -> sequentially(matching, rule -> {
                    Uni<BigDecimal> total = rule.clusterId == null
                            ? costs.projectTotal(cost.project(), cost.month())
                            : costs.clusterTotal(rule.clusterId, cost.month());
                    return total.flatMap(amount -> budget(rule, cost, currency, amount));
                }));
    }

    private Uni<Void> budget(RuleRecord rule, CostAccrued cost, String currency, BigDecimal amount) {
        Budget budget = Rules.budgetOf(rule);
        String scope = rule.clusterId == null ? PROJECT_SCOPE : rule.clusterId.toString();
        AlertStateRecord.Key key = new AlertStateRecord.Key(rule.id, scope, "budget:" + cost.month());
        return states.lockOrCreate(key, rule.clusterId).flatMap(state -> {
            int told = state.lastTold == null ? 0 : Integer.parseInt(state.lastTold);
            OptionalInt crossed = budget.newlyCrossed(amount, told);
            if (crossed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            state.lastTold = Integer.toString(crossed.getAsInt());
            state.lastToldProblem = true;
            state.lastToldAt = now;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("month", cost.month());
            details.put("monthToDate", amount);
            details.put("budget", budget.monthlyAmount());
            details.put("currency", currency);
            details.put("percent", budget.percentOf(amount));
            details.put("threshold", crossed.getAsInt());
            details.put("scope", rule.clusterId == null ? "project" : "cluster");
            String summary = "Month-to-date cost " + amount.stripTrailingZeros().toPlainString() + " " + currency
                    + " has reached " + crossed.getAsInt() + " % of the " + (rule.clusterId == null ? "project"
                    : "cluster") + "'s monthly budget of " + budget.monthlyAmount().stripTrailingZeros()
                    .toPlainString() + " " + currency + " (" + cost.month() + ")";
            Signal signal = new Signal(Trigger.BUDGET, rule.clusterId, cost.project(), "budget:" + cost.month(),
                    crossed.getAsInt() + "%", told == 0 ? null : told + "%", true, summary, List.of(), details,
                    // One alert per rule, month and percentage, whichever accrual crossed it.
                    Instant.parse(cost.month() + "-01T00:00:00Z"));
            return raise(rule, signal);
        });
    }

    /** Queues the alert for every enabled endpoint the rule goes to. */
    private Uni<Void> raise(RuleRecord rule, Signal signal) {
        Uni<String> clusterName = signal.clusterId() == null ? Uni.createFrom().nullItem()
                : directory.find(signal.clusterId()).map(entry -> entry == null ? null : entry.name());
        return clusterName.flatMap(name -> {
            Instant now = clock.instant();
            Alert alert = alert(rule, signal, name);
            String orderKey = signal.clusterId() == null ? "project:" + signal.project() : signal.clusterId().toString();
            return targets(rule).flatMap(targets -> sequentially(targets, endpoint -> deliveries
                    .enqueue(endpoint.id, alert.id(), alert.type(), rule.id, orderKey,
                            MessageFormat.fromWire(endpoint.format).render(alert, json), now)
                    .replaceWithVoid()));
        });
    }

    /**
     * The rule's named endpoints that are enabled, or every enabled one of its project when it names none. A rule
     * whose named endpoints were all deleted goes nowhere rather than to everyone.
     */
    private Uni<List<EndpointRecord>> targets(RuleRecord rule) {
        Uni<List<EndpointRecord>> enabled = endpoints.enabledIn(rule.project);
        if (!rule.targeted) {
            return enabled;
        }
        return enabled.flatMap(all -> ruleWebhooks.of(List.of(rule.id)).map(named -> {
            Set<UUID> wanted = Set.copyOf(named.getOrDefault(rule.id, List.of()));
            return all.stream().filter(endpoint -> wanted.contains(endpoint.id)).toList();
        }));
    }

    static Alert alert(RuleRecord rule, Signal signal, String clusterName) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ruleId", rule.id.toString());
        data.put("rule", rule.name);
        data.put("trigger", signal.trigger().wire());
        data.put("project", signal.project());
        if (signal.clusterId() != null) {
            data.put("clusterId", signal.clusterId().toString());
        }
        if (clusterName != null) {
            data.put("clusterName", clusterName);
        }
        data.put("condition", signal.condition());
        if (signal.previous() != null) {
            data.put("previous", signal.previous());
        }
        data.put("problem", signal.problem());
        data.put("summary", signal.summary());
        if (!signal.checks().isEmpty()) {
            data.put("checks", signal.checks());
        }
        data.putAll(signal.details());
        data.put("occurredAt", signal.occurredAt().toString());
        return new Alert(Alert.idFor(rule.id, signal.clusterId(), signal.subject(), signal.condition(),
                signal.occurredAt()), signal.trigger().eventType(), signal.clusterId(), signal.occurredAt(), data);
    }

    private String write(Signal signal) {
        try {
            return json.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Signal read(String value) {
        try {
            return json.readValue(value, Signal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A held signal this service wrote is unreadable", e);
        }
    }

    /** Runs {@code step} on each item one after the other: they share the transaction's one session. */
    static <T> Uni<Void> sequentially(List<T> items, Function<T, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.flatMap(v -> step.apply(item));
        }
        return chain;
    }
}
