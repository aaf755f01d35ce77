package io.mooring.cli.command;

import io.mooring.cli.MooringCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: reaches the server, the printer and the streams through the root command. */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    MooringCli cli() {
        return (MooringCli) spec.root().userObject();
    }
}
