package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.output.Column;
import io.mooring.cli.output.Table;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.CloudType;
import io.mooring.client.model.ClusterStatus;
import io.mooring.client.model.ClusterView;
import io.mooring.client.model.CreateClusterRequest;
import io.mooring.client.model.DeletionView;
import io.mooring.client.model.ImportInstructions;
import io.mooring.client.model.ImportMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "clusters", description = "Import, list, inspect, migrate and delete clusters.",
        subcommands = {ClustersCommand.List.class, ClustersCommand.Summary.class, ClustersCommand.Get.class,
                ClustersCommand.Import.class,
                ClustersCommand.Migrate.class, ClustersCommand.Reissue.class, ClustersCommand.Delete.class})
public final class ClustersCommand extends GroupCommand {

    static final java.util.List<Column> COLUMNS = java.util.List.of(Column.of("id", "/id"), Column.of("name", "/name"),
            Column.of("project", "/project"), Column.of("cloud", "/cloudType"), Column.of("mode", "/importMode"),
            Column.of("status", "/status"), Column.of("kubernetes", "/kubernetesVersion"),
            Column.of("last seen", "/lastSeenAt"));

    /** A wire value for an option; a value the API does not know is a usage error that lists the known ones. */
    static <T> T choice(String option, String value, java.util.function.Function<String, T> parse, T[] known) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException unknown) {
            throw new io.mooring.cli.CliException(ExitCodes.USAGE, option + ": '" + value + "' is not one of "
                    + java.util.Arrays.stream(known).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    static String details(JsonNode c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ID", Table.text(c.at("/id")));
        fields.put("Name", Table.text(c.at("/name")));
        fields.put("Project", Table.text(c.at("/project")));
        fields.put("Description", Table.text(c.at("/description")));
        fields.put("Labels", Table.text(c.at("/labels")));
        fields.put("Cloud type", Table.text(c.at("/cloudType")));
        fields.put("Import mode", Table.text(c.at("/importMode")));
        fields.put("Status", Table.text(c.at("/status")));
        if (c.hasNonNull("pendingMigration")) {
            fields.put("Pending migration", Table.text(c.at("/pendingMigration")));
        }
        fields.put("Detected provider", Table.text(c.at("/detectedProvider")));
        fields.put("Kubernetes", Table.text(c.at("/kubernetesVersion")));
        fields.put("Agent", Table.text(c.at("/agentVersion")));
        fields.put("Connected at", Table.text(c.at("/connectedAt")));
        fields.put("Last seen", Table.text(c.at("/lastSeenAt")));
        fields.put("Created", Table.text(c.at("/createdAt")) + " by " + Table.text(c.at("/createdBy")));
        if (c.hasNonNull("deletionRequestedAt")) {
            fields.put("Deletion requested", Table.text(c.at("/deletionRequestedAt")) + " by "
                    + Table.text(c.at("/deletionRequestedBy")));
        }
        return Table.details(fields);
    }

    @Command(name = "list", description = "The clusters you may see, oldest first (every page).")
    static final class List extends ApiCommand {
        @Option(names = "--project", description = "Only this project's clusters.")
        String project;
        @Option(names = "--status", description = "Pending, Running or Deleting.")
        String status;
        @Option(names = "--cloud-type", description = "eks, aks, gke, openshift, eks-anywhere, vsphere, aws, azure,"
                + " gcp or generic.")
        String cloudType;
        @Option(names = "--mode", description = "read-only or full-permission.")
        String mode;
        @Option(names = {"-l", "--selector"}, description = "A label selector, e.g. env=prod,tier!=web.")
        String selector;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            java.util.List<ClusterView> clusters = new ArrayList<>();
            String cursor = null;
            do {
                var page = api.listClusters(choice("--cloud-type", cloudType, CloudType::fromValue, CloudType.values()),
                        cursor, null, choice("--mode", mode, ImportMode::fromValue, ImportMode.values()), selector, 100,
                        null, project, null, choice("--status", status, ClusterStatus::fromValue, ClusterStatus.values()));
                clusters.addAll(page.getItems());
                cursor = page.getNextCursor();
            } while (cursor != null);
            cli().printer().list(clusters, COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "summary", description = "The clusters you may see, counted by status, mode, cloud type and"
            + " detected provider.")
    static final class Summary extends ApiCommand {
        @Option(names = "--project", description = "Only this project's clusters.")
        String project;

        @Override
        public Integer call() throws Exception {
            cli().printer().one(cli().api().summarizeClusters(project), Summary::forPeople);
            return ExitCodes.OK;
        }

        static String forPeople(JsonNode summary) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Total", Table.text(summary.at("/total")));
            fields.put("Status", counts(summary.at("/byStatus")));
            fields.put("Import mode", counts(summary.at("/byImportMode")));
            fields.put("Cloud type", counts(summary.at("/byCloudType")));
            fields.put("Detected provider", counts(summary.at("/byDetectedProvider")));
            return Table.details(fields);
        }

        /** "Running 3, Pending 1": what there is, leaving out the values no cluster has. */
        private static String counts(JsonNode byValue) {
            java.util.List<String> parts = new ArrayList<>();
            byValue.fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    parts.add(e.getKey() + " " + e.getValue().asLong());
                }
            });
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
    }

    @Command(name = "get", description = "One cluster, by id or name.")
    static final class Get extends ApiCommand {
        @Mixin
        ClusterArgument target;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            UUID id = target.resolve(api);
            cli().printer().one(api.getCluster(id), ClustersCommand::details);
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Register a cluster and print (or --apply) the kubectl command that"
            + " installs its agent.")
    static final class Import extends ApiCommand {
        @Parameters(paramLabel = "NAME", description = "The cluster's name (a DNS-1123 label).")
        String name;
        @Option(names = "--project", required = true, description = "The project it belongs to.")
        String project;
        @Option(names = "--cloud-type", required = true,
                description = "eks, aks, gke, openshift, eks-anywhere, vsphere, aws, azure, gcp or generic.")
        String cloudType;
        @Option(names = "--mode", defaultValue = "read-only", description = "read-only (default) or full-permission.")
        String mode;
        @Option(names = "--description", description = "Free text.")
        String description;
        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label; repeat for more.")
        Map<String, String> labels;
        @Option(names = "--idempotency-key", description = "Retry-safe: the same key answers the first import again"
                + " (default: a new random key).")
        String idempotencyKey;
        @ArgGroup(exclusive = false)
        ImportFlow.Options flow = new ImportFlow.Options();

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            MooringApi api = cli.api();
            CreateClusterRequest request = new CreateClusterRequest().name(name).project(project)
                    .cloudType(choice("--cloud-type", cloudType, CloudType::fromValue, CloudType.values()))
                    .importMode(choice("--mode", mode, ImportMode::fromValue, ImportMode.values()))
                    .description(description);
            if (labels != null) {
                request.labels(labels);
            }
            ImportInstructions instructions = api.importCluster(request,
                    idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
            return ImportFlow.run(cli, api, instructions, flow, "imported");
        }
    }

    @Command(name = "reissue", description = "A new import command for a cluster (the old one stops working).")
    static final class Reissue extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @ArgGroup(exclusive = false)
        ImportFlow.Options flow = new ImportFlow.Options();

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            MooringApi api = cli.api();
            UUID id = target.resolve(api);
            return ImportFlow.run(cli, api, api.reissueImportCommand(id), flow, "has a new import command");
        }
    }

    @Command(name = "migrate", description = "Migrate a read-only cluster to full permission: prints (or --apply)"
            + " the manifest that widens the agent's permissions.")
    static final class Migrate extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @ArgGroup(exclusive = false)
        ImportFlow.Options flow = new ImportFlow.Options();

        @Override
        public Integer call() throws Exception {
            MooringCli cli = cli();
            MooringApi api = cli.api();
            UUID id = target.resolve(api);
            return ImportFlow.run(cli, api, api.migrateClusterToFullPermission(id), flow, "is migrating",
                    ImportFlow.Awaited.MIGRATED);
        }
    }

    @Command(name = "delete", description = "Delete a cluster; its agent cleans up after itself, or the answer says"
            + " what to run.")
    static final class Delete extends ApiCommand {
        @Mixin
        ClusterArgument target;
        @Option(names = "--force", description = "Delete at once, without waiting for the agent to clean up.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            MooringApi api = cli().api();
            UUID id = target.resolve(api);
            DeletionView deletion = api.deleteCluster(id, force ? Boolean.TRUE : null);
            cli().printer().one(deletion, d -> {
                StringBuilder text = new StringBuilder("Cluster " + id + ": " + Table.text(d.at("/status"))
                        + (d.path("forced").asBoolean() ? " (forced)" : "") + ".\n");
                if (d.path("agentCleansUp").asBoolean()) {
                    text.append("The agent removes itself from the cluster.\n");
                }
                if (d.hasNonNull("cleanup") && d.at("/cleanup").hasNonNull("command")) {
                    text.append("To remove the agent, run where kubectl reaches the cluster:\n  ")
                            .append(d.at("/cleanup/command").asText()).append('\n');
                }
                return text.toString();
            });
            return ExitCodes.OK;
        }
    }
}
