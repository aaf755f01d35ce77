package io.mooring.cli.command;

import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import java.util.UUID;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The cluster a command acts on, named by its id or name, with {@code --project} for when the name is not unique:
 * a picocli mixin, so every such command says it alike. The cluster is the command's first positional argument.
 */
public final class ClusterArgument {

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's id or name.")
    String cluster;
    @Option(names = "--project", description = "The project, when the cluster's name is not unique.")
    String project;

    /** The cluster's id, looking its name up when it is not one. */
    UUID resolve(MooringApi api) throws ApiException {
        return ClusterRefs.resolve(api, cluster, project);
    }

    /** The cluster as it was named on the command line. */
    String named() {
        return cluster;
    }
}
