package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.output.Column;
import io.mooring.cli.output.Table;
import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.DeliveryPage;
import io.mooring.client.model.DeliveryView;
import io.mooring.client.model.EndpointRequest;
import io.mooring.client.model.EndpointView;
import io.mooring.client.model.SecretRotationRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhooks", description = "Where a project's alerts are delivered: https endpoints receiving signed"
        + " CloudEvents, or Slack or Teams messages; their delivery logs and redelivery.",
        subcommands = {WebhooksCommand.List.class, WebhooksCommand.Create.class, WebhooksCommand.Get.class,
                WebhooksCommand.Delete.class, WebhooksCommand.Enable.class, WebhooksCommand.Disable.class, WebhooksCommand.Deliveries.class,
                WebhooksCommand.Redeliver.class, WebhooksCommand.RotateSecret.class})
public final class WebhooksCommand extends GroupCommand {

    /** The API's body formats, as completion offers them. */
    enum Format { cloudevents, slack, teams }

    static final java.util.List<Column> COLUMNS = java.util.List.of(Column.of("id", "/id"), Column.of("name", "/name"),
            Column.of("project", "/project"), Column.of("format", "/format"),
            new Column("enabled", WebhooksCommand::enabled), Column.of("failures", "/consecutiveFailures"),
            Column.of("url", "/url"));

    static String enabled(JsonNode e) {
        if (e.path("enabled").asBoolean()) {
            return "yes";
        }
        return e.hasNonNull("disabledReason") ? "no: " + e.path("disabledReason").asText() : "no";
    }

    static String details(JsonNode e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ID", Table.text(e.at("/id")));
        fields.put("Name", Table.text(e.at("/name")));
        fields.put("Project", Table.text(e.at("/project")));
        fields.put("URL", Table.text(e.at("/url")));
        fields.put("Format", Table.text(e.at("/format")));
        fields.put("Enabled", enabled(e));
        if (e.hasNonNull("disabledAt")) {
            fields.put("Disabled at", Table.text(e.at("/disabledAt")));
        }
        fields.put("Failures in a row", Table.text(e.at("/consecutiveFailures")));
        if (e.hasNonNull("previousSecretExpiresAt")) {
            fields.put("Previous secret signs until", Table.text(e.at("/previousSecretExpiresAt")));
        }
        fields.put("Created", Table.text(e.at("/createdAt")) + " by " + Table.text(e.at("/createdBy")));
        return Table.details(fields);
    }

    /** An endpoint named on the command line by its id or its name (with --project when two projects use it). */
    static UUID resolve(MooringApi api, String ref, String project) throws ApiException {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            // a name, then
        }
        java.util.List<EndpointView> named = api.listWebhooks(project).getItems().stream()
                .filter(e -> ref.equals(e.getName())).toList();
        if (named.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "no webhook named " + ref
                    + (project == null ? "" : " in project " + project));
        }
        if (named.size() > 1) {
            throw new CliException(ExitCodes.USAGE, named.size() + " webhooks are named " + ref
                    + ": name the project with --project, or use the id");
        }
        return named.get(0).getId();
    }

    @Command(name = "list", description = "The webhook endpoints of the projects you may see (never their secrets).")
    static final class List extends ApiCommand {
        @Option(names = "--project", description = "Only this project's.")
        String project;

        @Override
        public Integer call() throws Exception {
            cli().printer().list(cli().api().listWebhooks(project).getItems(), COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = {"Create a webhook endpoint and print its signing secret, the only time"
            + " it is shown.", "Deliveries are signed in the Standard Webhooks style: webhook-signature ="
            + " v1,base64(HMAC-SHA256(key, webhook-id.webhook-timestamp.body)), the key being the base64 after whsec_."})
    static final class Create extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "Unique within the project.")
        String name;
        @Option(names = "--project", required = true, description = "The project whose alerts it receives.")
        String project;
        @Option(names = "--url", required = true, description = "An https URL whose host resolves to public addresses"
                + " (unless the installation allows others).")
        String url;
        // Not labelled FORMAT: the completion script names its value lists after the label, and -o has that one.
        @Option(names = "--format", paramLabel = "BODY", description = "The body sent: ${COMPLETION-CANDIDATES}"
                + " (default: cloudevents, a structured CloudEvent).")
        Format format;

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            EndpointRequest request = new EndpointRequest().project(project).name(name).url(url);
            if (format != null) {
                request.format(EndpointRequest.FormatEnum.fromValue(format.name()));
            }
            EndpointView created = cli.api().createWebhook(request);
            cli.printer().one(created, e -> "Webhook " + e.path("name").asText() + " (" + e.path("id").asText()
                    + ") created in project " + e.path("project").asText() + ", " + e.path("format").asText()
                    + ".\nSigning secret: " + e.path("secret").asText() + "\n");
            // On stderr, so that -o json stays one document; said for scripts too, since they must keep it.
            cli.err().println("warning: the signing secret is shown only this once: store it now; to get a new"
                    + " one, run mooring webhooks rotate-secret.");
            cli.err().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", description = "A webhook endpoint: whether it is enabled, and why not.")
    static final class Get extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            cli().printer().one(api.getWebhook(resolve(api, webhook, project)), WebhooksCommand::details);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a webhook endpoint; its pending deliveries and log go with it.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            UUID id = resolve(api, webhook, project);
            cli().api().deleteWebhook(id);
            if (cli().printer().forPeople()) {
                cli().out().println("Deleted webhook " + webhook + ".");
                cli().out().flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "enable", description = "Enable an endpoint that was disabled for failing: its pending deliveries"
            + " are sent again; alerts raised while it was disabled were not queued for it.")
    static final class Enable extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            EndpointView enabled = api.enableWebhook(resolve(api, webhook, project));
            cli().printer().one(enabled, e -> "Webhook " + e.path("name").asText() + " enabled.\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", description = "Disable an endpoint on purpose (a receiver under maintenance): alerts"
            + " raised while it is disabled are not queued for it; its pending deliveries wait for enable.")
    static final class Disable extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            EndpointView disabled = api.disableWebhook(resolve(api, webhook, project));
            cli().printer().one(disabled, e -> "Webhook " + e.path("name").asText() + " disabled: "
                    + Table.text(e.at("/disabledReason")) + ".\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "deliveries", description = "An endpoint's delivery log, newest first: status, attempts, the last"
            + " error and the latency of the last attempt.")
    static final class Deliveries extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (1-500, default 50).")
        int limit;
        @Option(names = "--before", paramLabel = "DELIVERY", description = "Only older deliveries than this id (the"
                + " next page).")
        Long before;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            DeliveryPage page = api.listWebhookDeliveries(resolve(api, webhook, project), before, limit);
            cli().printer().list(page.getItems(), java.util.List.of(Column.of("id", "/id"),
                    Column.of("type", "/eventType"), Column.of("status", "/status"),
                    Column.of("attempts", "/attempts"), Column.of("code", "/lastStatusCode"),
                    new Column("latency", d -> d.hasNonNull("latencyMs") ? d.path("latencyMs").asLong() + "ms"
                            : Table.NONE),
                    Column.of("created", "/createdAt"), new Column("next/delivered", d -> Table.text(
                            d.hasNonNull("deliveredAt") ? d.at("/deliveredAt") : d.at("/nextAttemptAt"))),
                    Column.of("last error", "/lastError")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "redeliver", description = "Deliver an alert again, with the same body and webhook-id (a receiver"
            + " that has it already can tell by the id).")
    static final class Redeliver extends ApiCommand {
        @Parameters(index = "0", paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Parameters(index = "1", paramLabel = "DELIVERY", description = "The delivery's id (webhooks deliveries).")
        long delivery;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            DeliveryView queued = api.redeliverWebhookDelivery(delivery, resolve(api, webhook, project));
            cli().printer().one(queued, d -> "Delivery " + d.path("id").asText() + " (" + d.path("eventType").asText()
                    + ") queued again: " + d.path("status").asText() + ", redelivery "
                    + d.path("redeliveries").asText() + ".\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate-secret", description = {"Give an endpoint a new signing secret and print it, the only time"
            + " it is shown.", "For the grace period deliveries carry both signatures (webhook-signature:"
            + " v1,<new> v1,<previous>), so the receiver can switch to the new secret without refusing any; then"
            + " only the new one."})
    static final class RotateSecret extends ApiCommand {
        @Parameters(paramLabel = "WEBHOOK", description = "The endpoint's id or name.")
        String webhook;
        @Option(names = "--project", description = "The project, when the name is not unique.")
        String project;
        @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How long the previous secret keeps signing beside the new one: 0 (at once) to 24h,"
                        + " e.g. 30m or 1h (default 24h).")
        Duration grace;

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            MooringApi api = cli.api();
            SecretRotationRequest request = new SecretRotationRequest();
            if (grace != null) {
                request.gracePeriod(grace.toString());
            }
            EndpointView rotated = api.rotateWebhookSecret(resolve(api, webhook, project), request);
            cli.printer().one(rotated, e -> "Webhook " + e.path("name").asText() + " (" + e.path("id").asText()
                    + ") has a new signing secret.\nSigning secret: " + e.path("secret").asText() + "\n"
                    + (e.hasNonNull("previousSecretExpiresAt")
                            ? "The previous secret signs deliveries too until " + e.path("previousSecretExpiresAt")
                                    .asText() + ".\n"
                            : "The previous secret no longer signs deliveries.\n"));
            // On stderr, so that -o json stays one document.
            cli.err().println("warning: the new signing secret is shown only this once: store it now.");
            cli.err().flush();
            return ExitCodes.OK;
        }
    }
}
