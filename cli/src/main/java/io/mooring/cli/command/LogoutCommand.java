package io.mooring.cli.command;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.auth.Config;
import io.mooring.cli.auth.OidcClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "logout", description = {"Forget the stored tokens (the server and provider stay configured).",
        "A sign-in by the device flow is also ended at the provider (its refresh token revoked) when it offers that."})
public final class LogoutCommand extends ApiCommand {

    @Override
    public Integer call() {
        Config config = cli().store().load();
        PrintWriter err = cli().err();
        String ended = "";
        if (config.refreshToken() != null && config.issuer() != null) {
            // Forgetting the tokens here is what signing out promises; the provider is told if it can be, but a
            // provider out of reach must not keep the user signed in on this machine.
            try {
                OidcClient oidc = cli().oidc();
                if (oidc.revoke(oidc.discover(config.issuer()), config.clientId(), config.refreshToken())) {
                    ended = " The provider ended the sign-in too.";
                } else {
                    ended = " The provider did not end the sign-in (it offers no revocation, or refused).";
                }
            } catch (CliException e) {
                ended = " The provider could not be told (" + e.getMessage() + ").";
            }
        }
        cli().store().save(config.withTokens(null, null, null));
        err.println("Signed out." + ended);
        err.flush();
        return ExitCodes.OK;
    }
}
