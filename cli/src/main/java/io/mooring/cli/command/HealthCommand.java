package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.output.Column;
import io.mooring.cli.output.Table;
import io.mooring.client.api.MooringApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "health", description = "The fleet's health, or one cluster's with its checks.")
public final class HealthCommand extends ApiCommand {

    static final List<Column> ATTENTION = List.of(Column.of("cluster", "/clusterId"), Column.of("name", "/name"),
            Column.of("project", "/project"), Column.of("connectivity", "/connectivity"),
            Column.of("health", "/health"), Column.of("since", "/since"), Column.of("reasons", "/reasons"));
    static final List<Column> CHECKS = List.of(Column.of("check", "/name"), Column.of("status", "/status"),
            Column.of("message", "/message"));

    @Parameters(paramLabel = "CLUSTER", arity = "0..1", description = "A cluster's id or name; the fleet without one.")
    String cluster;
    @Option(names = "--project", description = "The fleet of this project; or the cluster's, when its name is not unique.")
    String project;

    @Override
    public Integer call() throws Exception {
        MooringApi api = cli().api();
        if (cluster == null) {
            cli().printer().one(api.getFleetHealth(null, project), HealthCommand::fleet);
        } else {
            UUID id = ClusterRefs.resolve(api, cluster, project);
            cli().printer().one(api.getClusterHealth(id), HealthCommand::cluster);
        }
        return ExitCodes.OK;
    }

    static String fleet(JsonNode fleet) {
        StringBuilder text = new StringBuilder();
        text.append("Clusters: ").append(fleet.path("total").asInt()).append('\n');
        text.append("Connectivity: ").append(Table.text(fleet.path("byConnectivity"))).append('\n');
        text.append("Health: ").append(Table.text(fleet.path("byHealth"))).append('\n');
        if (fleet.path("needsAttention").isEmpty()) {
            text.append("Nothing needs attention.\n");
        } else {
            text.append("\nNeeds attention:\n").append(Table.render(ATTENTION, fleet.path("needsAttention")));
        }
        return text.toString();
    }

    static String cluster(JsonNode health) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Cluster", Table.text(health.path("name")) + " (" + Table.text(health.path("clusterId")) + ")");
        fields.put("Project", Table.text(health.path("project")));
        fields.put("Connectivity", Table.text(health.path("connectivity")) + " since "
                + Table.text(health.path("connectivitySince")));
        fields.put("Health", Table.text(health.path("health")) + " since " + Table.text(health.path("healthSince")));
        fields.put("Last heartbeat", Table.text(health.path("lastHeartbeat")));
        fields.put("Agent", Table.text(health.path("agentVersion")));
        fields.put("Evaluated", Table.text(health.path("evaluatedAt")));
        StringBuilder text = new StringBuilder(Table.details(fields));
        if (!health.path("checks").isEmpty()) {
            text.append('\n').append(Table.render(CHECKS, health.path("checks")));
        }
        return text.toString();
    }
}
