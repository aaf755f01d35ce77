package io.mooring.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.http.Problems;
import io.mooring.cli.output.Column;
import io.mooring.cli.output.Format;
import io.mooring.cli.output.Table;
import io.mooring.client.api.MooringApi;
import io.mooring.client.model.CostReport;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cost", description = "A cost report for the fleet or one cluster: -o table, json, yaml or csv.")
public final class CostCommand extends ApiCommand {

    static final List<Column> ROWS = List.of(Column.of("name", "/name"), Column.of("start", "/start"),
            Column.of("end", "/end"), Column.of("total", "/totalCost"), Column.of("cpu", "/cpuCost"),
            Column.of("memory", "/memoryCost"), Column.of("gpu", "/gpuCost"), Column.of("storage", "/storageCost"),
            Column.of("idle", "/idleCost"), Column.of("efficiency", "/efficiency"), Column.of("currency", "/currency"));
    static final List<Column> TOTALS = List.of(Column.of("currency", "/currency"), Column.of("total", "/totalCost"),
            Column.of("cpu", "/cpuCost"), Column.of("memory", "/memoryCost"), Column.of("gpu", "/gpuCost"),
            Column.of("storage", "/storageCost"), Column.of("idle", "/idleCost"),
            Column.of("efficiency", "/efficiency"));

    @Parameters(paramLabel = "CLUSTER", arity = "0..1", description = "A cluster's id or name; the fleet without one.")
    String cluster;
    @Option(names = "--project", description = "The fleet of these projects (repeat); or the cluster's project.")
    List<String> projects;
    @Option(names = "--window", description = "The last N hours or days, e.g. 24h, 7d, 30d.")
    String window;
    @Option(names = "--from", description = "Start (ISO-8601), instead of --window.")
    String from;
    @Option(names = "--to", description = "End (ISO-8601), instead of --window.")
    String to;
    @Option(names = "--step", description = "hour or day: one row per step.")
    String step;
    @Option(names = "--aggregate", description = "What a row is: e.g. namespace, controller, pod, cluster.")
    String aggregate;

    @Override
    public Integer call() throws Exception {
        MooringCli cli = cli();
        MooringApi api = cli.api();
        UUID id = cluster == null ? null
                : ClusterRefs.resolve(api, cluster, projects == null || projects.isEmpty() ? null : projects.get(0));
        if (cli.output() == Format.CSV) {
            return csv(cli, id);
        }
        CostReport report = id == null ? api.getFleetCost(aggregate, null, null, from, projects, step, to, window)
                : api.getClusterCost(id, aggregate, null, from, step, to, window);
        cli.printer().one(report, CostCommand::table);
        return ExitCodes.OK;
    }

    static String table(JsonNode report) {
        StringBuilder text = new StringBuilder();
        text.append("Window: ").append(Table.text(report.path("from"))).append(" to ")
                .append(Table.text(report.path("to"))).append(", by ").append(Table.text(report.path("aggregate")))
                .append('\n');
        if (report.path("rows").isEmpty()) {
            text.append("No costs in this window.\n");
        } else {
            text.append(Table.render(ROWS, report.path("rows")));
        }
        if (!report.path("totals").isEmpty()) {
            text.append("\nTotals:\n").append(Table.render(TOTALS, report.path("totals")));
        }
        return text.toString();
    }

    /** The API writes the CSV itself (formula-safe cells); the generated client only reads JSON, so asked directly. */
    private int csv(MooringCli cli, UUID id) throws Exception {
        List<String> query = new ArrayList<>();
        query.add("format=csv");
        add(query, "aggregate", aggregate);
        add(query, "from", from);
        add(query, "to", to);
        add(query, "step", step);
        add(query, "window", window);
        if (id == null && projects != null) {
            projects.forEach(p -> add(query, "project", p));
        }
        String path = (id == null ? "/api/v1/fleet/cost" : "/api/v1/clusters/" + id + "/cost") + "?"
                + query.stream().collect(Collectors.joining("&"));
        HttpResponse<String> answer = cli.http().send(cli.request(path).header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw Problems.fromResponse(answer.statusCode(), answer.body());
        }
        cli.out().print(answer.body());
        cli.out().flush();
        return ExitCodes.OK;
    }

    private static void add(List<String> query, String key, String value) {
        if (value != null) {
            query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
