package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.output.Column;
import io.mooring.cli.output.Table;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.BudgetBody;
import io.mooring.client.model.RuleRequest;
import io.mooring.client.model.RuleUpdateRequest;
import io.mooring.client.model.RuleView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "rules", description = "Notification rules: what raises an alert in a project, delivered to the"
        + " webhooks a rule names, or to every enabled webhook of the project when it names none.",
        subcommands = {RulesCommand.List.class, RulesCommand.Get.class, RulesCommand.Create.class,
            RulesCommand.Update.class, RulesCommand.Delete.class})
public final class RulesCommand extends GroupCommand {

    /** The API's triggers, as completion offers them. */
    enum Trigger { connectivity, health, addon, migration, deletion, budget }

    static String budget(JsonNode rule) {
        JsonNode budget = rule.path("budget");
        if (!budget.hasNonNull("monthlyAmount")) {
            return Table.NONE;
        }
        // Plain digits: the client reads the amount as a BigDecimal, which would print 5000 as 5E+3.
        return budget.path("monthlyAmount").decimalValue().stripTrailingZeros().toPlainString() + "/month at " + Table.text(budget.path("thresholds")) + "%";
    }

    /** The webhooks a rule goes to: every enabled one, those it names, or none when all it named were deleted. */
    static String webhooks(JsonNode rule) {
        if (rule.path("allWebhooks").asBoolean(true)) {
            return "(all)";
        }
        JsonNode named = rule.path("webhooks");
        return named.isEmpty() ? "(none: deleted)" : Table.text(named);
    }

    static String details(JsonNode r) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ID", Table.text(r.at("/id")));
        fields.put("Name", Table.text(r.at("/name")));
        fields.put("Project", Table.text(r.at("/project")));
        fields.put("Trigger", Table.text(r.at("/trigger")));
        fields.put("Cluster", r.hasNonNull("clusterId") ? r.path("clusterId").asText() : "(all)");
        fields.put("Quiet period", Table.text(r.at("/quietPeriod")));
        if (r.hasNonNull("budget")) {
            fields.put("Budget", budget(r));
        }
        fields.put("Webhooks", webhooks(r));
        fields.put("Created", Table.text(r.at("/createdAt")) + " by " + Table.text(r.at("/createdBy")));
        return Table.details(fields);
    }

    /** A rule named on the command line by its id or its name (with --project when two projects use it). */
    static UUID resolve(MooringApi api, String ref, String project) throws ApiException {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            // a name, then
        }
        java.util.List<RuleView> named = api.listNotificationRules(project).getItems().stream()
                .filter(r -> ref.equals(r.getName())).toList();
        if (named.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no rule named " + ref
                    + (project == null ? "" : " in project " + project));
        }
        if (named.size() > 1) {
            throw new CliException(ExitCodes.USAGE, named.size() + " rules are named " + ref
                    + ": name the project with --project, or use the id");
        }
        return named.get(0).getId();
    }

    @Command(name = "list", description = "The rules of the projects you may see, by project and name.")
    static final class List extends ApiCommand {
        @Option(names = "--project", description = "Only this project's.")
        String project;

        @Override
        public Integer call() throws Exception {
            cli().printer().list(cli().api().listNotificationRules(project).getItems(), java.util.List.of(
                    Column.of("id", "/id"), Column.of("name", "/name"), Column.of("project", "/project"),
                    Column.of("trigger", "/trigger"), new Column("cluster", r -> r.hasNonNull("clusterId")
                            ? r.path("clusterId").asText() : "(all)"),
                    Column.of("quiet", "/quietPeriod"), new Column("budget", RulesCommand::budget),
                    new Column("webhooks", RulesCommand::webhooks), Column.of("created", "/createdAt")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = {"Create a rule. Triggers: connectivity (Disconnected, and back),"
            + " health (Degraded or Unhealthy, and recovered), addon (a layer Failed or Drifted, and deployed again),"
            + " migration (confirmed), deletion (a cluster deleted), budget (the month's cost crossed a percentage"
            + " of --budget).",
            "Example: mooring rules create monthly --project payments --trigger budget --budget 5000"
                    + " --thresholds 80,100 --webhook finance"})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "Unique within the project.")
        String name;
        @Option(names = "--project", required = true, description = "The project the rule watches.")
        String project;
        @Option(names = "--trigger", required = true, paramLabel = "TRIGGER",
                description = "${COMPLETION-CANDIDATES}.")
        Trigger trigger;
        @Option(names = "--cluster", description = "Only this cluster (id or name) of the project; for a budget, the"
                + " cluster's budget rather than the project's. Default: every cluster.")
        String cluster;
        @Option(names = "--quiet-period", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "After an alert, changes of the same thing are held this long and only the state it is"
                        + " in then is told (e.g. 10m, 0s; default 10m).")
        Duration quietPeriod;
        @Option(names = "--budget", paramLabel = "AMOUNT", description = "The monthly budget, in the installation's"
                + " currency (trigger budget only).")
        BigDecimal budget;
        @Option(names = "--thresholds", split = ",", paramLabel = "PERCENT",
                description = "Whole percentages of the budget to alert at, each once a month (e.g. 80,100).")
        java.util.List<Integer> thresholds;
        @Option(names = "--webhook", paramLabel = "WEBHOOK", description = "A webhook (id or name) of the project to"
                + " send the rule's alerts to; repeatable. Default: every enabled webhook of the project.")
        java.util.List<String> webhooks;

        @Override
        public Integer call() throws Exception {
            boolean isBudget = trigger == Trigger.budget;
            if (isBudget && (budget == null || thresholds == null)) {
                throw new ParameterException(spec.commandLine(), "a budget rule needs --budget and --thresholds");
            }
            if (!isBudget && (budget != null || thresholds != null)) {
                throw new ParameterException(spec.commandLine(),
                        "--budget and --thresholds are for --trigger budget only");
            }
            MooringApi api = cli().api();
            RuleRequest request = new RuleRequest().project(project).name(name)
                    .trigger(RuleRequest.TriggerEnum.fromValue(trigger.name()));
            if (cluster != null) {
                request.clusterId(ClusterRefs.resolve(api, cluster, project));
            }
            if (quietPeriod != null) {
                request.quietPeriod(quietPeriod.toString());
            }
            if (webhooks != null) {
                for (String webhook : webhooks) {
                    request.addWebhooksItem(WebhooksCommand.resolve(api, webhook, project));
                }
            }
            if (isBudget) {
                request.budget(new BudgetBody().monthlyAmount(budget).thresholds(thresholds));
            }
            RuleView created = api.createNotificationRule(request);
            cli().printer().one(created, r -> "Rule " + r.path("name").asText() + " (" + r.path("id").asText()
                    + ") created in project " + r.path("project").asText() + ": " + r.path("trigger").asText()
                    + (r.hasNonNull("clusterId") ? " of cluster " + r.path("clusterId").asText() : "")
                    + (isBudget ? ", " + budget(r) : "") + ", quiet period " + r.path("quietPeriod").asText()
                    + (r.path("allWebhooks").asBoolean(true) ? "" : ", to webhooks " + webhooks(r)) + ".\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", description = "A rule: what it watches, its quiet period and budget, where it goes.")
    static final class Get extends ApiCommand {
        @Mixin
        RuleArgument target;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            cli().printer().one(api.getNotificationRule(target.resolve(api)), RulesCommand::details);
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = {"Change a rule in place: it keeps its id and what its quiet period"
            + " already told. Its project, trigger and cluster cannot change.",
            "Example: mooring rules update monthly --project payments --webhook finance --quiet-period 30m"})
    static final class Update extends ApiCommand {
        @Mixin
        RuleArgument target;
        @Option(names = "--name", description = "A new name, unique within the project.")
        String name;
        @Option(names = {"--quiet-period", "--quiet"}, paramLabel = "DURATION", converter = DurationConverter.class,
                description = "A new quiet period (e.g. 10m, 0s, PT1H).")
        Duration quietPeriod;
        @Option(names = "--budget", paramLabel = "AMOUNT", description = "A new monthly budget (budget rules; with"
                + " --thresholds).")
        BigDecimal budget;
        @Option(names = "--thresholds", split = ",", paramLabel = "PERCENT",
                description = "New percentages of the budget to alert at (e.g. 80,100; with --budget).")
        java.util.List<Integer> thresholds;
        @Option(names = "--webhook", paramLabel = "WEBHOOK", description = "Send the rule's alerts to this webhook"
                + " (id or name) of its project; repeatable; replaces the webhooks it names.")
        java.util.List<String> webhooks;
        @Option(names = "--all-webhooks", description = "Send the rule's alerts to every enabled webhook of its"
                + " project again.")
        boolean allWebhooks;

        @Override
        public Integer call() throws Exception {
            if ((budget == null) != (thresholds == null)) {
                throw new ParameterException(spec.commandLine(), "give --budget and --thresholds together");
            }
            if (allWebhooks && webhooks != null) {
                throw new ParameterException(spec.commandLine(), "--all-webhooks and --webhook exclude each other");
            }
            if (name == null && quietPeriod == null && budget == null && webhooks == null && !allWebhooks) {
                throw new ParameterException(spec.commandLine(), "nothing to change: give --name, --quiet-period,"
                        + " --budget with --thresholds, --webhook or --all-webhooks");
            }
            MooringApi api = cli().api();
            UUID id = target.resolve(api);
            // The generated model starts webhooks as an empty list; the API reads an empty one as "unchanged".
            RuleUpdateRequest request = new RuleUpdateRequest().webhooks(null).name(name);
            if (quietPeriod != null) {
                request.quietPeriod(quietPeriod.toString());
            }
            if (budget != null) {
                request.budget(new BudgetBody().monthlyAmount(budget).thresholds(thresholds));
            }
            if (webhooks != null) {
                String ruleProject = target.project();
                for (String webhook : webhooks) {
                    if (ruleProject == null && !isId(webhook)) {
                        ruleProject = api.getNotificationRule(id).getProject();
                    }
                    request.addWebhooksItem(WebhooksCommand.resolve(api, webhook, ruleProject));
                }
            }
            if (allWebhooks) {
                request.allWebhooks(true);
            }
            cli().printer().one(api.updateNotificationRule(id, request), r -> "Rule " + r.path("name").asText()
                    + " (" + r.path("id").asText() + ") changed: quiet period " + r.path("quietPeriod").asText()
                    + (r.hasNonNull("budget") ? ", " + budget(r) : "") + ", to webhooks " + webhooks(r) + ".\n");
            return ExitCodes.OK;
        }

        private static boolean isId(String ref) {
            try {
                UUID.fromString(ref);
                return true;
            } catch (IllegalArgumentException notAnId) {
                return false;
            }
        }
    }

    @Command(name = "delete", description = "Delete a rule; alerts it already queued are still delivered.")
    static final class Delete extends ApiCommand {
        @Mixin
        RuleArgument target;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            cli().api().deleteNotificationRule(target.resolve(api));
            if (cli().printer().forPeople()) {
                cli().out().println("Deleted rule " + target.named() + ".");
                cli().out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
