package io.mooring.cli.command;

import io.mooring.cli.ExitCodes;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Forget the stored tokens (the server and provider stay configured).")
public final class LogoutCommand extends ApiCommand {

    @Override
    public Integer call() {
        cli().store().save(cli().store().load().withTokens(null, null, null));
        cli().err().println("Signed out.");
        cli().err().flush();
        return ExitCodes.OK;
    }
}
