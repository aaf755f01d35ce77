package io.mooring.cli.command;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.cli.auth.Config;
import io.mooring.cli.auth.JwtExpiry;
import io.mooring.cli.auth.OidcClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = {
        "Sign in and keep the token in ~/.config/mooring/config.json (0600).",
        "With --issuer: the OAuth 2.0 device flow against your OpenID Connect provider (open a URL, enter a code);"
                + " the token is renewed with its refresh token when it expires.",
        "With --token (or MOORING_TOKEN): keep that token as it is."})
public final class LoginCommand extends ApiCommand {

    static final String DEFAULT_CLIENT = "mooring";

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The provider's issuer URL, e.g. http://127.0.0.1:8180/realms/mooring (or MOORING_ISSUER).")
    String issuer;
    @Option(names = "--client-id", description = "The provider's public client for the device flow (default "
            + DEFAULT_CLIENT + ").")
    String clientId;
    @Option(names = "--scope", defaultValue = "openid", description = "Scopes to ask for (default: openid).")
    String scope;

    @Override
    public Integer call() {
        MooringCli cli = cli();
        PrintWriter err = cli.err();
        Config config = cli.store().load();
        if (cli.serverOption() != null) {
            config = config.withServer(cli.server());
        }
        String pasted = cli.tokenOption() != null ? cli.tokenOption() : cli.environment().variable("MOORING_TOKEN");
        if (pasted != null && issuer == null) {
            cli.store().save(config.withTokens(pasted, null, JwtExpiry.of(pasted)));
            err.println("Token stored in " + cli.store().file() + ".");
            err.flush();
            return ExitCodes.OK;
        }
        String provider = issuer != null ? issuer : cli.environment().variable("MOORING_ISSUER");
        if (provider == null) {
            provider = config.issuer();
        }
        if (provider == null) {
            throw new CliException(ExitCodes.USAGE,
                    "name your identity provider with --issuer URL (or MOORING_ISSUER), or pass --token");
        }
        String client = clientId != null ? clientId : config.clientId() != null ? config.clientId() : DEFAULT_CLIENT;
        OidcClient oidc = cli.oidc();
        OidcClient.Endpoints endpoints = oidc.discover(provider);
        OidcClient.DeviceCode code = oidc.startDeviceSignIn(endpoints, client, scope);
        err.println("To sign in, open " + code.verificationUri() + " and enter the code " + code.userCode());
        if (code.verificationUriComplete() != null) {
            err.println("(or open " + code.verificationUriComplete() + ")");
        }
        err.println("Waiting for you to approve...");
        err.flush();
        OidcClient.Tokens tokens = oidc.awaitDeviceApproval(endpoints, client, code);
        cli.store().save(config.withProvider(provider, client)
                .withTokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt()));
        err.println("Signed in. Token stored in " + cli.store().file() + ".");
        err.flush();
        return ExitCodes.OK;
    }
}
