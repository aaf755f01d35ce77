package io.mooring.notification.service;

import io.mooring.notification.domain.Budget;
import io.mooring.notification.domain.Trigger;
import io.mooring.notification.repository.RuleRecord;
import io.mooring.notification.repository.EndpointRepository;
import io.mooring.notification.repository.RuleRepository;
import io.mooring.notification.repository.RuleWebhookRepository;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Notification rules: per project, created, changed and deleted by its members with the operator role. */
@ApplicationScoped
public class RuleService {

    static final Duration DEFAULT_QUIET = Duration.ofMinutes(10);
    static final Duration MAX_QUIET = Duration.ofDays(7);

    private final RuleRepository rules;
    private final RuleWebhookRepository ruleWebhooks;
    private final EndpointRepository endpoints;
    private final ClusterDirectory directory;
    private final Clock clock;

    public RuleService(RuleRepository rules, RuleWebhookRepository ruleWebhooks, EndpointRepository endpoints,
            ClusterDirectory directory, Clock clock) {
        this.rules = rules;
        this.ruleWebhooks = ruleWebhooks;
        this.endpoints = endpoints;
        this.directory = directory;
        this.clock = clock;
    }

    /** What a new rule says, already checked for form by the resource. */
    public record NewRule(String project, String name, String trigger, UUID clusterId, String quietPeriod,
            BigDecimal budgetAmount, List<Integer> budgetThresholds, List<UUID> webhooks) {
    }

    @WithTransaction
    public Uni<RuleView> create(NewRule request, Caller caller) {
        caller.requireMember(request.project());
        Trigger trigger = Trigger.fromWire(request.trigger());
        Duration quiet = quiet(request.quietPeriod());
        if (trigger == Trigger.BUDGET && request.budgetAmount() == null) {
            throw ProblemException.invalid("budget", "is required for a budget rule");
        }
        Budget checked = budget(trigger, request.budgetAmount(), request.budgetThresholds());
        Uni<Void> clusterCheck = request.clusterId() == null ? Uni.createFrom().voidItem()
                : directory.visibleTo(request.clusterId(), caller).map(entry -> {
                    if (!request.project().equals(entry.project())) {
                        throw ProblemException.invalid("clusterId", "is a cluster of another project");
                    }
                    return entry;
                }).onFailure(ProblemException.class).transform(e -> ((ProblemException) e).status() == 404
                        ? ProblemException.invalid("clusterId", "is not a cluster of this project") : e)
                .replaceWithVoid();
        Set<UUID> webhooks = request.webhooks() == null ? Set.of() : new LinkedHashSet<>(request.webhooks());
        return clusterCheck.flatMap(v -> webhooksCheck(request.project(), webhooks))
                .flatMap(v -> rules.count("project = ?1 and name = ?2", request.project(), request.name()))
                .flatMap(existing -> {
                    if (existing > 0) {
                        throw ProblemException.conflict("A rule named '" + request.name() + "' already exists in"
                                + " project '" + request.project() + "'.");
                    }
                    RuleRecord rule = new RuleRecord();
                    rule.id = UUID.randomUUID();
                    rule.project = request.project();
                    rule.name = request.name();
                    rule.trigger = trigger.wire();
                    rule.clusterId = request.clusterId();
                    rule.quietPeriodSeconds = quiet.toSeconds();
                    setBudget(rule, checked);
                    rule.targeted = !webhooks.isEmpty();
                    rule.createdBy = caller.name();
                    rule.createdAt = clock.instant();
                    // Flushed first: the rows naming its webhooks refer to it.
                    return rules.persistAndFlush(rule).flatMap(stored -> ruleWebhooks.name(stored.id, webhooks))
                            .flatMap(v -> views(List.of(rule))).map(created -> created.get(0));
                });
    }

    @WithSession
    public Uni<List<RuleView>> list(String project, Caller caller) {
        if (project != null) {
            if (!caller.canSee(project)) {
                return Uni.createFrom().item(List.of());
            }
            return rules.inProjects(List.of(project), false).flatMap(this::views);
        }
        return rules.inProjects(caller.projects(), caller.isAdmin()).flatMap(this::views);
    }

    @WithSession
    public Uni<RuleView> get(UUID id, Caller caller) {
        return visible(id, caller).flatMap(rule -> views(List.of(rule))).map(found -> found.get(0));
    }

    /**
     * A change to a rule; null leaves a field as it is. project, trigger and clusterId are what the rule watches:
     * given, they must be the rule's own.
     */
    public record RuleChange(String project, String trigger, UUID clusterId, String name, String quietPeriod,
            BigDecimal budgetAmount, List<Integer> budgetThresholds, List<UUID> webhooks, Boolean allWebhooks) {

        boolean changesNothing() {
            return name == null && quietPeriod == null && budgetAmount == null
                    && (webhooks == null || webhooks.isEmpty()) && allWebhooks == null;
        }
    }

    /**
     * Changes a rule in place: its id, and the quiet-period and budget state its alerts left (alert_state), stay,
     * so the next alert is judged by the new settings against what was already told. The rule is locked for the
     * change (for no key update, which the alert consumers' key-share locks do not wait on), so two changes of its
     * webhooks cannot interleave their rows.
     */
    @WithTransaction
    public Uni<RuleView> update(UUID id, RuleChange change, Caller caller) {
        return rules.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(rule -> {
            if (rule == null) {
                throw ProblemException.notFound("Rule not found");
            }
            caller.requireVisible(rule.project, "Rule");
            caller.requireMember(rule.project);
            unchanged("project", change.project(), rule.project);
            if (change.trigger() != null && !rule.trigger.equals(change.trigger())) {
                throw ProblemException.invalid("trigger", "cannot be changed (it is " + rule.trigger + "): create"
                        + " another rule");
            }
            unchanged("clusterId", change.clusterId(), rule.clusterId);
            if (change.changesNothing()) {
                throw ProblemException.invalid("body", "nothing to change: give a name, quietPeriod, budget,"
                        + " webhooks or allWebhooks");
            }
            if (change.name() != null && change.name().isBlank()) {
                throw ProblemException.invalid("name", "must not be blank");
            }
            Duration quiet = change.quietPeriod() == null ? null : quiet(change.quietPeriod());
            Budget budget = budget(Trigger.fromWire(rule.trigger), change.budgetAmount(), change.budgetThresholds());
            Set<UUID> webhooks = targets(change);
            Uni<Void> checks = webhooks == null ? Uni.createFrom().voidItem() : webhooksCheck(rule.project, webhooks);
            if (change.name() != null && !change.name().equals(rule.name)) {
                checks = checks.flatMap(v -> rules.count("project = ?1 and name = ?2 and id <> ?3", rule.project,
                        change.name(), rule.id)).map(existing -> {
                            if (existing > 0) {
                                throw ProblemException.conflict("A rule named '" + change.name() + "' already"
                                        + " exists in project '" + rule.project + "'.");
                            }
                            return null;
                        });
            }
            return checks.flatMap(v -> {
                if (change.name() != null) {
                    rule.name = change.name();
                }
                if (quiet != null) {
                    rule.quietPeriodSeconds = quiet.toSeconds();
                }
                setBudget(rule, budget);
                if (webhooks == null) {
                    return Uni.createFrom().voidItem();
                }
                rule.targeted = !webhooks.isEmpty();
                return ruleWebhooks.replace(rule.id, webhooks);
            }).flatMap(v -> views(List.of(rule))).map(changed -> changed.get(0));
        });
    }

    /**
     * The webhooks a change names (empty: every enabled one of the project); null when it leaves them. An empty
     * list leaves them too, unlike at creation: generated clients send {@code "webhooks": []} when the caller set
     * nothing, and a change of the quiet period must not send finance's alerts to everyone. Back to every webhook
     * is said with {@code allWebhooks: true}.
     */
    private static Set<UUID> targets(RuleChange change) {
        boolean named = change.webhooks() != null && !change.webhooks().isEmpty();
        if (Boolean.TRUE.equals(change.allWebhooks()) && named) {
            throw ProblemException.invalid("allWebhooks", "cannot be true while webhooks names some");
        }
        if (Boolean.FALSE.equals(change.allWebhooks()) && !named) {
            throw ProblemException.invalid("allWebhooks", "false needs the webhooks to go to, in webhooks");
        }
        if (named) {
            return new LinkedHashSet<>(change.webhooks());
        }
        return Boolean.TRUE.equals(change.allWebhooks()) ? Set.of() : null;
    }

    private static void unchanged(String field, Object given, Object current) {
        if (given != null && !given.equals(current)) {
            throw ProblemException.invalid(field, "cannot be changed (it is " + current + "): create another rule");
        }
    }

    /** The budget a rule of {@code trigger} is given, checked; null when none is. */
    private static Budget budget(Trigger trigger, BigDecimal amount, List<Integer> thresholds) {
        if (amount == null) {
            return null;
        }
        if (trigger != Trigger.BUDGET) {
            throw ProblemException.invalid("budget", "is only for a budget rule");
        }
        try {
            return new Budget(amount, thresholds);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("budget", e.getMessage());
        }
    }

    private static void setBudget(RuleRecord rule, Budget budget) {
        if (budget != null) {
            rule.budgetAmount = budget.monthlyAmount();
            rule.budgetThresholds = Rules.stored(budget.thresholds());
        }
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, Caller caller) {
        return visible(id, caller).flatMap(rule -> {
            caller.requireMember(rule.project);
            return rules.delete(rule);
        });
    }

    private Uni<RuleRecord> visible(UUID id, Caller caller) {
        return rules.findById(id).map(rule -> {
            if (rule == null) {
                throw ProblemException.notFound("Rule not found");
            }
            caller.requireVisible(rule.project, "Rule");
            return rule;
        });
    }

    /**
     * Every webhook a rule names must be one of its project's; one of another project reads as unknown. They are
     * locked for share until the rule is stored, so one deleted meanwhile cannot leave a dangling name (nor a 500).
     */
    private Uni<Void> webhooksCheck(String project, Set<UUID> webhooks) {
        if (webhooks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return endpoints.find("id in ?1 and project = ?2", List.copyOf(webhooks), project)
                .withLock(LockModeType.PESSIMISTIC_READ).list().map(found -> {
                    Set<UUID> known = new LinkedHashSet<>();
                    found.forEach(endpoint -> known.add(endpoint.id));
                    for (UUID webhook : webhooks) {
                        if (!known.contains(webhook)) {
                            throw ProblemException.invalid("webhooks", webhook + " is not a webhook of project '"
                                    + project + "'");
                        }
                    }
                    return null;
                });
    }

    private Uni<List<RuleView>> views(List<RuleRecord> found) {
        List<UUID> targeted = found.stream().filter(rule -> rule.targeted).map(rule -> rule.id).toList();
        return ruleWebhooks.of(targeted).map(named -> found.stream()
                .map(rule -> view(rule, named.getOrDefault(rule.id, List.of()))).toList());
    }

    static Duration quiet(String value) {
        return Durations.bounded("quietPeriod", value, DEFAULT_QUIET, MAX_QUIET, "P7D", "PT10M");
    }

    static RuleView view(RuleRecord rule, List<UUID> webhooks) {
        return new RuleView(rule.id, rule.project, rule.name, rule.trigger, rule.clusterId,
                Duration.ofSeconds(rule.quietPeriodSeconds).toString(),
                rule.budgetAmount == null ? null
                        : new RuleView.BudgetView(rule.budgetAmount.stripTrailingZeros(),
                                Rules.thresholds(rule.budgetThresholds)),
                webhooks, !rule.targeted, rule.createdBy, rule.createdAt);
    }
}
