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
import io.mooring.client.model.RuleView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "rules", description = "Notification rules: what raises an alert in a project, delivered to the"
        + " webhooks a rule names, or to every enabled webhook of the project when it names none.",
        subcommands = {RulesCommand.List.class, RulesCommand.Create.class, RulesCommand.Delete.class})
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

    @Command(name = "delete", description = "Delete a rule; alerts it already queued are still delivered.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "RULE", description = "The rule's id or name.")
        String rule;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            cli().api().deleteNotificationRule(resolve(api, rule, project));
            if (cli().printer().forPeople()) {
                cli().out().println("Deleted rule " + rule + ".");
                cli().out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
