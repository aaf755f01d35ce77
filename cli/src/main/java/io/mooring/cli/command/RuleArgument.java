package io.mooring.cli.command;

import io.mooring.client.ApiException;
import io.mooring.client.api.MooringApi;
import java.util.UUID;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The notification rule a command acts on, named by its id or name, with {@code --project} for when the name is not
 * unique: a picocli mixin, as {@link ClusterArgument} is for clusters.
 */
public final class RuleArgument {

    @Parameters(index = "0", paramLabel = "RULE", description = "The rule's id or name.")
    String rule;
    @Option(names = "--project", description = "The rule's project, when its name is not unique.")
    String project;

    /** The rule's id, looking its name up when it is not one. */
    UUID resolve(MooringApi api) throws ApiException {
        return RulesCommand.resolve(api, rule, project);
    }

    /** The rule as it was named on the command line. */
    String named() {
        return rule;
    }

    /** The project given with {@code --project}, or null. */
    String project() {
        return project;
    }
}
